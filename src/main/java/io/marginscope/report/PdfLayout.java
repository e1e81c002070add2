package io.marginscope.report;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Flowing layout on PDF pages: a cursor moves down the page; text, wrapped paragraphs, tables
 * and drawings that do not fit go to a new page (tables repeat their header). Page headers and
 * footers with "Page i of n" are drawn at the end, when the page count is known.
 */
final class PdfLayout {

    static final float MARGIN_X = 48;
    static final float MARGIN_TOP = 58;
    static final float MARGIN_BOTTOM = 50;
    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color MUTED = new Color(0x66, 0x66, 0x66);
    static final Color RULE = new Color(0xBB, 0xBB, 0xBB);
    static final Color STRIPE = new Color(0xF2, 0xF4, 0xF7);
    static final Color ACCENT = new Color(0x1F, 0x4E, 0x79);

    enum Align { LEFT, RIGHT }

    /** A table column: header, alignment (numbers right). */
    record Column(String header, Align align) {
        static Column text(String h) {
            return new Column(h, Align.LEFT);
        }

        static Column number(String h) {
            return new Column(h, Align.RIGHT);
        }
    }

    final PDDocument doc;
    final PDRectangle size;
    final ReportFonts fonts;
    private final PDDocumentOutline outline = new PDDocumentOutline();
    private PDPage page;
    private PDPageContentStream cs;
    float y;

    PdfLayout(PDDocument doc, PDRectangle size, ReportFonts fonts) {
        this.doc = doc;
        this.size = size;
        this.fonts = fonts;
        doc.getDocumentCatalog().setDocumentOutline(outline);
        newPage();
    }

    float left() {
        return MARGIN_X;
    }

    float width() {
        return size.getWidth() - 2 * MARGIN_X;
    }

    float top() {
        return size.getHeight() - MARGIN_TOP;
    }

    PDPageContentStream cs() {
        return cs;
    }

    void newPage() {
        try {
            if (cs != null) {
                cs.close();
            }
            page = new PDPage(size);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = top();
    }

    /** Room for {@code h} points below the cursor, else a new page. */
    void ensure(float h) {
        if (y - h < MARGIN_BOTTOM) {
            newPage();
        }
    }

    void space(float h) {
        y -= h;
    }

    /** A section heading (with a bookmark); starts a new page when less than {@code keep} points remain. */
    void heading(String text, float keep) {
        ensure(keep);
        if (y < top()) {
            y -= 10;
        }
        y -= 16;
        text(left(), y, text, fonts.bold, 14, ACCENT);
        bookmark(text);
        y -= 6;
        line(left(), y, left() + width(), y, ACCENT, 0.8f);
        y -= 12;
    }

    void subheading(String text) {
        ensure(60);
        y -= 11;
        text(left(), y, text, fonts.bold, 10.5f, TEXT);
        y -= 7;
    }

    private void bookmark(String title) {
        PDPageXYZDestination dest = new PDPageXYZDestination();
        dest.setPage(page);
        dest.setTop((int) (y + 24));
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle(fonts.safe(title));
        item.setDestination(dest);
        outline.addLast(item);
    }

    /** A paragraph wrapped to the width. */
    void paragraph(String text, float fontSize, Color color) {
        paragraph(text, fonts.regular, fontSize, color, left(), width());
    }

    void paragraph(String text, PDFont font, float fontSize, Color color, float x, float w) {
        float leading = fontSize * 1.35f;
        for (String line : wrap(text, font, fontSize, w)) {
            ensure(leading);
            y -= leading;
            text(x, y + fontSize * 0.25f, line, font, fontSize, color);
        }
        y -= fontSize * 0.4f;
    }

    /** Lines of at most {@code w} points, broken at spaces (a longer word is cut). */
    List<String> wrap(String text, PDFont font, float fontSize, float w) {
        List<String> lines = new ArrayList<>();
        for (String para : fonts.safe(text).split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (fonts.width(font, fontSize, candidate) <= w) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (fonts.width(font, fontSize, rest) > w && rest.length() > 1) {
                    int n = rest.length() - 1;
                    while (n > 1 && fonts.width(font, fontSize, rest.substring(0, n)) > w) {
                        n--;
                    }
                    lines.add(rest.substring(0, n));
                    rest = rest.substring(n);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Label/value pairs in two columns, values right-aligned. */
    void keyValues(List<String[]> rows, float fontSize, float keyWidth, float valueWidth) {
        float leading = fontSize * 1.55f;
        for (String[] r : rows) {
            ensure(leading);
            y -= leading;
            text(left(), y + 3, r[0], fonts.regular, fontSize, MUTED);
            textRight(left() + keyWidth + valueWidth, y + 3, r[1], fonts.bold, fontSize, TEXT);
            if (r.length > 2 && r[2] != null) {
                text(left() + keyWidth + valueWidth + 10, y + 3, r[2], fonts.regular, fontSize - 1, MUTED);
            }
        }
        y -= 4;
    }

    /**
     * A table that paginates: rows go on while they fit, the header repeats on each page. Numbers
     * (right-aligned columns) keep their natural width; text columns share what is left and wrap.
     *
     * @param emphasis rows drawn in bold (totals), may be null
     */
    void table(List<Column> columns, List<List<String>> rows, float fontSize, java.util.Set<Integer> emphasis) {
        float fs = fontSize;
        float[] widths;
        while (true) {
            widths = widths(columns, rows, fs);
            if (widths != null || fs <= 6) {
                break;
            }
            fs -= 0.5f;
        }
        if (widths == null) {
            widths = widths(columns, rows, fs, true);
        }
        float pad = 3;
        float leading = fs * 1.3f;
        List<List<String>> headerLines = new ArrayList<>();
        int headerCount = 1;
        for (int c = 0; c < columns.size(); c++) {
            List<String> l = wrap(columns.get(c).header(), fonts.bold, fs, widths[c] - pad - leftPad(columns, c, pad));
            headerLines.add(l);
            headerCount = Math.max(headerCount, l.size());
        }
        float headerHeight = headerCount * leading + 4;
        ensure(headerHeight + leading + 4);
        drawHeader(columns, headerLines, widths, fs, leading, headerHeight, pad);
        for (int r = 0; r < rows.size(); r++) {
            List<List<String>> cells = new ArrayList<>();
            int lines = 1;
            for (int c = 0; c < columns.size(); c++) {
                String v = r < rows.size() && c < rows.get(r).size() ? rows.get(r).get(c) : "";
                List<String> l = columns.get(c).align() == Align.LEFT
                        ? wrap(v, fonts.regular, fs, widths[c] - pad - leftPad(columns, c, pad))
                        : List.of(fonts.safe(v));
                cells.add(l);
                lines = Math.max(lines, l.size());
            }
            float h = lines * leading + 2;
            if (y - h < MARGIN_BOTTOM) {
                newPage();
                drawHeader(columns, headerLines, widths, fs, leading, headerHeight, pad);
            }
            if (r % 2 == 1) {
                fill(left(), y - h, sum(widths), h, STRIPE);
            }
            PDFont font = emphasis != null && emphasis.contains(r) ? fonts.bold : fonts.regular;
            float x = left();
            for (int c = 0; c < columns.size(); c++) {
                List<String> l = cells.get(c);
                float lp = leftPad(columns, c, pad);
                for (int k = 0; k < l.size(); k++) {
                    float ty = y - (k + 1) * leading + fs * 0.3f;
                    if (columns.get(c).align() == Align.RIGHT) {
                        textRight(x + widths[c] - pad, ty, l.get(k), font, fs, TEXT);
                    } else {
                        text(x + lp, ty, l.get(k), font, fs, TEXT);
                    }
                }
                x += widths[c];
            }
            y -= h;
        }
        line(left(), y, left() + sum(widths), y, RULE, 0.5f);
        y -= 8;
    }

    private void drawHeader(List<Column> columns, List<List<String>> headerLines, float[] widths, float fs,
                            float leading, float headerHeight, float pad) {
        float x = left();
        for (int c = 0; c < columns.size(); c++) {
            List<String> l = headerLines.get(c);
            // bottom-align header lines so that one-line headers sit on the rule
            int offset = (int) ((headerHeight - 4) / leading) - l.size();
            for (int k = 0; k < l.size(); k++) {
                float ty = y - (offset + k + 1) * leading + fs * 0.3f;
                if (columns.get(c).align() == Align.RIGHT) {
                    textRight(x + widths[c] - pad, ty, l.get(k), fonts.bold, fs, TEXT);
                } else {
                    text(x + leftPad(columns, c, pad), ty, l.get(k), fonts.bold, fs, TEXT);
                }
            }
            x += widths[c];
        }
        y -= headerHeight;
        line(left(), y + 1, left() + sum(widths), y + 1, TEXT, 0.7f);
        y -= 1;
    }

    /** Text after a right-aligned number column starts further in, so that the two never touch. */
    static float leftPad(List<Column> columns, int c, float pad) {
        return c > 0 && columns.get(c).align() == Align.LEFT && columns.get(c - 1).align() == Align.RIGHT
                ? pad + 8 : pad;
    }

    private float[] widths(List<Column> columns, List<List<String>> rows, float fs) {
        return widths(columns, rows, fs, false);
    }

    /** Room for a subheading and what follows it, else a new page (keeps a title with its chart). */
    void keepWithNext(float h) {
        ensure(h + 20);
    }

    /** Column widths filling the page width, or null when the numbers alone do not fit at this size. */
    private float[] widths(List<Column> columns, List<List<String>> rows, float fs, boolean force) {
        int n = columns.size();
        float pad = 8;
        // numbers get room to breathe: a gap wide enough that two adjacent columns never read as one
        float numberGap = fs * 1.6f;
        float[] natural = new float[n];
        float[] longestWord = new float[n];
        for (int c = 0; c < n; c++) {
            boolean number = columns.get(c).align() == Align.RIGHT;
            for (String word : fonts.safe(columns.get(c).header()).split(" ")) {
                longestWord[c] = Math.max(longestWord[c], fonts.width(fonts.bold, fs, word) + pad);
            }
            natural[c] = fonts.width(fonts.bold, fs, fonts.safe(columns.get(c).header())) + pad;
            for (List<String> row : rows) {
                if (c < row.size()) {
                    String cell = fonts.safe(row.get(c));
                    natural[c] = Math.max(natural[c], fonts.width(fonts.regular, fs, cell) + pad);
                    if (!number) {
                        for (String word : cell.split(" ")) {
                            longestWord[c] = Math.max(longestWord[c], fonts.width(fonts.regular, fs, word) + pad);
                        }
                    }
                }
            }
            natural[c] += leftPad(columns, c, 0);
            if (number) {
                natural[c] += numberGap;
                longestWord[c] = natural[c];
            } else {
                longestWord[c] = Math.min(longestWord[c], width() * 0.3f);
            }
        }
        float w = width();
        float total = sum(natural);
        if (total <= w) {
            float[] out = natural.clone();
            float extra = w - total;
            float textNatural = 0;
            for (int c = 0; c < n; c++) {
                if (columns.get(c).align() == Align.LEFT) {
                    textNatural += natural[c];
                }
            }
            for (int c = 0; c < n; c++) {
                out[c] += textNatural > 0 ? (columns.get(c).align() == Align.LEFT ? extra * natural[c] / textNatural : 0)
                        : extra / n;
            }
            return out;
        }
        // numbers keep their width; text columns share the rest (at least their longest word) and wrap
        float numbers = 0;
        float textNatural = 0;
        float textMin = 0;
        for (int c = 0; c < n; c++) {
            if (columns.get(c).align() == Align.RIGHT) {
                numbers += natural[c];
            } else {
                textNatural += natural[c];
                textMin += longestWord[c];
            }
        }
        if (!force && numbers + textMin > w) {
            return null;
        }
        float[] out = new float[n];
        float rest = w - numbers - textMin;
        for (int c = 0; c < n; c++) {
            out[c] = columns.get(c).align() == Align.RIGHT ? natural[c]
                    : longestWord[c] + Math.max(0, rest) * (natural[c] - longestWord[c])
                    / Math.max(1e-3f, textNatural - textMin);
        }
        float scale = w / sum(out);
        if (scale < 1) {
            for (int c = 0; c < n; c++) {
                out[c] *= scale;
            }
        }
        return out;
    }

    static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    // ------------------------------------------------------------------ drawing primitives

    void text(float x, float ty, String s, PDFont font, float fontSize, Color color) {
        text(cs, x, ty, s, font, fontSize, color);
    }

    void text(PDPageContentStream stream, float x, float ty, String s, PDFont font, float fontSize, Color color) {
        String safe = fonts.safe(s);
        if (safe.isEmpty()) {
            return;
        }
        try {
            stream.beginText();
            stream.setFont(font, fontSize);
            stream.setNonStrokingColor(color);
            stream.newLineAtOffset(x, ty);
            stream.showText(safe);
            stream.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void textRight(float xRight, float ty, String s, PDFont font, float fontSize, Color color) {
        text(xRight - fonts.width(font, fontSize, fonts.safe(s)), ty, s, font, fontSize, color);
    }

    void textCentered(float xCenter, float ty, String s, PDFont font, float fontSize, Color color) {
        text(xCenter - fonts.width(font, fontSize, fonts.safe(s)) / 2, ty, s, font, fontSize, color);
    }

    void line(float x1, float y1, float x2, float y2, Color color, float lineWidth) {
        try {
            cs.setStrokingColor(color);
            cs.setLineWidth(lineWidth);
            cs.moveTo(x1, y1);
            cs.lineTo(x2, y2);
            cs.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void dashed(float x1, float y1, float x2, float y2, Color color, float lineWidth) {
        try {
            cs.setLineDashPattern(new float[] {3, 2}, 0);
            line(x1, y1, x2, y2, color, lineWidth);
            cs.setLineDashPattern(new float[] {}, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void fill(float x, float fy, float w, float h, Color color) {
        try {
            cs.setNonStrokingColor(color);
            cs.addRect(x, fy, w, h);
            cs.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void frame(float x, float fy, float w, float h, Color color, float lineWidth) {
        try {
            cs.setStrokingColor(color);
            cs.setLineWidth(lineWidth);
            cs.addRect(x, fy, w, h);
            cs.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes the last page and draws every page's header (from page 2) and footer.
     */
    void finish(String headerLeft, String headerRight, String footerLeft) throws IOException {
        cs.close();
        cs = null;
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            PDPage p = doc.getPage(i);
            try (PDPageContentStream s = new PDPageContentStream(doc, p, PDPageContentStream.AppendMode.APPEND, true,
                    true)) {
                float w = size.getWidth();
                float h = size.getHeight();
                if (i > 0) {
                    text(s, MARGIN_X, h - 34, headerLeft, fonts.regular, 8, MUTED);
                    String hr = fonts.safe(headerRight);
                    text(s, w - MARGIN_X - fonts.width(fonts.regular, 8, hr), h - 34, hr, fonts.regular, 8, MUTED);
                    s.setStrokingColor(RULE);
                    s.setLineWidth(0.5f);
                    s.moveTo(MARGIN_X, h - 40);
                    s.lineTo(w - MARGIN_X, h - 40);
                    s.stroke();
                }
                s.setStrokingColor(RULE);
                s.setLineWidth(0.5f);
                s.moveTo(MARGIN_X, 36);
                s.lineTo(w - MARGIN_X, 36);
                s.stroke();
                text(s, MARGIN_X, 24, footerLeft, fonts.regular, 7.5f, MUTED);
                String pn = "Page " + (i + 1) + " of " + n;
                text(s, w - MARGIN_X - fonts.width(fonts.regular, 8, pn), 24, pn, fonts.regular, 8, MUTED);
            }
        }
    }
}

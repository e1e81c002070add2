package io.marginscope.report;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.io.InputStream;

/**
 * The report's fonts: DejaVu Sans Condensed, regular and bold, shipped inside the program
 * ({@code /fonts/}, licence in {@code /fonts/LICENSE-DejaVu.txt}) and embedded (subset), so that
 * any text of the inputs prints and two machines write the same report. The system property
 * {@code marginscope.pdf.font=helvetica} asks for Helvetica, one of the PDF standard 14 fonts, with
 * the text made ASCII (typographic dashes and quotes replaced, other characters shown as '?'); so
 * does a program whose bundled fonts are missing or damaged.
 */
final class ReportFonts {

    static final String PROPERTY = "marginscope.pdf.font";
    static final String REGULAR = "/fonts/DejaVuSansCondensed.ttf";
    static final String BOLD = "/fonts/DejaVuSansCondensed-Bold.ttf";

    final PDFont regular;
    final PDFont bold;
    final boolean embedded;

    private ReportFonts(PDFont regular, PDFont bold, boolean embedded) {
        this.regular = regular;
        this.bold = bold;
        this.embedded = embedded;
    }

    static ReportFonts load(PDDocument doc) {
        if (!"helvetica".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            try (InputStream r = ReportFonts.class.getResourceAsStream(REGULAR);
                 InputStream b = ReportFonts.class.getResourceAsStream(BOLD)) {
                if (r != null && b != null) {
                    return new ReportFonts(PDType0Font.load(doc, r), PDType0Font.load(doc, b), true);
                }
            } catch (IOException | RuntimeException e) {
                // a damaged font resource: Helvetica
            }
        }
        return helvetica();
    }

    /** PDFBox says which installed font it would draw Helvetica with on screen: noise for a report writer. */
    private static final java.util.logging.Logger TYPE1_LOG =
            java.util.logging.Logger.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font");

    static ReportFonts helvetica() {
        TYPE1_LOG.setLevel(java.util.logging.Level.SEVERE);
        return new ReportFonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), false);
    }

    /** Text the font can show: no control characters; ASCII only with Helvetica. */
    String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t' || cp == '\n' || cp == '\r') {
                b.append(' ');
                continue;
            }
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                continue;
            }
            if (cp == 0x00A0 || cp == 0x202F || cp == 0x2007 || cp == 0x2009) {
                b.append(' ');
                continue;
            }
            if (embedded) {
                if (hasGlyph(regular, cp)) {
                    b.appendCodePoint(cp);
                } else {
                    b.append(ascii(cp));
                }
            } else {
                b.append(cp < 0x7F ? String.valueOf((char) cp) : ascii(cp));
            }
        }
        return b.toString();
    }

    private static boolean hasGlyph(PDFont font, int cp) {
        try {
            font.encode(new String(Character.toChars(cp)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    static String ascii(int cp) {
        return switch (cp) {
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212 -> "-";
            case 0x2014, 0x2015 -> "--";
            case 0x2018, 0x2019, 0x201A, 0x2032 -> "'";
            case 0x201C, 0x201D, 0x201E, 0x2033 -> "\"";
            case 0x2026 -> "...";
            case 0x00D7 -> "x";
            case 0x2264 -> "<=";
            case 0x2265 -> ">=";
            case 0x00B1 -> "+/-";
            case 0x2192 -> "->";
            case 0x00B7, 0x2022 -> "*";
            case 0x00E9, 0x00E8, 0x00EA -> "e";
            case 0x00E1, 0x00E0, 0x00E2, 0x00E4 -> "a";
            case 0x00F6, 0x00F3 -> "o";
            case 0x00FC, 0x00FA -> "u";
            case 0x03C3 -> "sigma";
            case 0x03BB -> "lambda";
            default -> "?";
        };
    }

    float width(PDFont font, float size, String text) {
        try {
            return font.getStringWidth(text) / 1000f * size;
        } catch (IOException | IllegalArgumentException e) {
            return text.length() * size * 0.5f;
        }
    }
}

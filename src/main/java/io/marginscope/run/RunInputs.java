package io.marginscope.run;

import io.marginscope.io.TextSource;
import io.marginscope.io.PolicyPresets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything a compute run reads, as text: the portfolio file, the market snapshot, the price
 * history files (none for a run without history), the settings and the policy (null: none). Held
 * in memory so that a saved session recomputes from exactly what was computed then, with no file
 * needed.
 *
 * @param portfolio  the portfolio file's text; its name ends with the file name, whose extension
 *                   says CSV or Deribit JSON and whose stem is the book's name
 * @param market     the market snapshot's text
 * @param history    price history files; each name ends with its file name ({@code BTC-USD.daily.csv}
 *                   or a wide file)
 * @param parameters the risk settings and which were explicit
 * @param policy     the policy's text, or null for a run without margin
 */
public record RunInputs(TextSource portfolio, TextSource market, List<TextSource> history, RunParameters parameters,
                        PolicyPresets.PolicyText policy) {

    public RunInputs {
        history = List.copyOf(history);
    }

    /**
     * SHA-256 (hex) of the canonical inputs: each text with its line ends made {@code \n} and a
     * leading byte-order mark removed, the file names (their last segment: they name the book and
     * the assets), the canonical parameters JSON (seed included) and the policy's text. The same
     * inputs give the same hash on any machine and from any folder.
     */
    public String hash() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        section(md, "portfolio", fileName(portfolio.name()), portfolio.text());
        section(md, "market", "", market.text());
        for (TextSource h : history) {
            section(md, "history", fileName(h.name()), h.text());
        }
        section(md, "parameters", "", parameters.toJsonText());
        if (policy != null) {
            section(md, "policy", fileName(policy.source().name()), policy.source().text());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Text with {@code \r\n} and lone {@code \r} made {@code \n}, and no leading byte-order mark. */
    public static String canonical(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The last segment of a path-like name. */
    public static String fileName(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(cut + 1);
    }

    private static void section(MessageDigest md, String kind, String name, String text) {
        // length-prefixed, so that no two different inputs concatenate to the same bytes
        for (String part : new String[] {kind, name, canonical(text)}) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            md.update(Long.toString(b.length).getBytes(StandardCharsets.US_ASCII));
            md.update((byte) ':');
            md.update(b);
        }
    }
}

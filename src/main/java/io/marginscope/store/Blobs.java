package io.marginscope.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/** Texts stored once each, keyed by the SHA-256 of their exact bytes (UTF-8). */
final class Blobs {

    private Blobs() {
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores the text unless present; returns its key. */
    static String put(Connection c, String text) throws SQLException {
        String h = hash(text);
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO blob (hash, text) VALUES (?, ?)")) {
            ps.setString(1, h);
            ps.setString(2, text);
            ps.executeUpdate();
        }
        return h;
    }

    static String get(Connection c, String hash) throws SQLException {
        if (hash == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT text FROM blob WHERE hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet r = ps.executeQuery()) {
                if (!r.next()) {
                    throw new StoreException("missing stored text " + hash);
                }
                return r.getString(1);
            }
        }
    }
}

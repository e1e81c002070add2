package io.marginscope.io;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * Expiry conventions of FORMATS.md: a date means 08:00 UTC of that day (Deribit's settlement
 * time); an ISO instant is taken as is. Deribit instrument names write dates as 27DEC24 or 5JUL24.
 */
public final class Expiries {

    public static final LocalTime SETTLEMENT_TIME = LocalTime.of(8, 0);

    private static final DateTimeFormatter DERIBIT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("d")
            .appendPattern("MMM")
            .appendPattern("yy")
            .toFormatter(Locale.ENGLISH);

    private Expiries() {
    }

    /** Parses a date (yyyy-MM-dd, at 08:00 UTC) or an ISO-8601 instant. */
    public static Instant parse(String text) {
        String s = text.trim();
        if (s.length() == 10) {
            return atSettlement(LocalDate.parse(s));
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            return java.time.OffsetDateTime.parse(s).toInstant();
        }
    }

    /** Parses Deribit's 27DEC24 (day, month abbreviation, two-digit year) at 08:00 UTC. */
    public static Instant parseDeribit(String code) {
        return atSettlement(LocalDate.parse(code.toUpperCase(Locale.ROOT), DERIBIT));
    }

    public static Instant atSettlement(LocalDate date) {
        return date.atTime(SETTLEMENT_TIME).toInstant(ZoneOffset.UTC);
    }
}

package io.marginscope.margin.exchange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The margin of a book under one exchange preset, in USD, with its parts.
 *
 * <p>Every preset of this package returns one ({@code ExchangeMarginPreset.compute}). Totals are
 * sums over what could be margined; a position the preset does not cover (another settlement, an
 * instrument type it has no rule for, a notional above the last published bracket) is named in
 * {@link #errors()} and left out of the totals, so a caller must check {@link #complete()} before
 * treating the totals as the book's margin.
 *
 * @param preset        preset name ({@code deribit-pm}, {@code deribit-standard}, {@code binance-tiered})
 * @param maintenanceUsd total maintenance margin, USD (coin amounts converted at the index)
 * @param initialUsd     total initial margin, USD; NaN when the preset defines none
 *                       ({@code binance-tiered}: initial margin is notional / the leverage the trader picked)
 * @param componentsUsd  named parts in USD, in insertion order (per position id for per-position presets,
 *                       per currency and add-on for {@code deribit-pm}); maintenance unless the key says otherwise
 * @param warnings       conventions and approximations the caller should know about
 * @param errors         positions or currencies that could not be margined and are not in the totals
 */
public record MarginBreakdown(String preset, double maintenanceUsd, double initialUsd,
                              Map<String, Double> componentsUsd, List<String> warnings, List<String> errors) {

    public MarginBreakdown {
        Objects.requireNonNull(preset, "preset");
        componentsUsd = Collections.unmodifiableMap(new LinkedHashMap<>(componentsUsd));
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    /** True when every position of the book was margined (no errors). */
    public boolean complete() {
        return errors.isEmpty();
    }
}

package io.marginscope.margin.exchange;

import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The numbers of an exchange margin model as a policy carries them ({@code exchange.parameters},
 * docs/exchange-margin.md "Parameters in a policy file"): a policy that names only the model gets
 * the published defaults ({@link #defaults(String)}); a policy file may change any of them (a wider
 * Deribit price range, another Binance bracket rate) and the model computes with those.
 */
public sealed interface ExchangeParameters {

    /** The preset name ({@code deribit-pm}, {@code deribit-standard}, {@code binance-tiered}). */
    String model();

    /** The book's margin under the model with these parameters. */
    MarginBreakdown compute(Portfolio book, MarketSnapshot market);

    /** The published parameters of a model, as {@link ExchangeMarginPreset} uses them. */
    static ExchangeParameters defaults(String model) {
        return switch (model) {
            case DeribitPortfolioMargin.PRESET -> DeribitPm.defaults();
            case DeribitStandardMargin.PRESET -> new DeribitStandard(DeribitStandardParameters.defaults());
            case BinanceTieredMargin.PRESET -> new BinanceTiered(BinanceBrackets.byUnderlying());
            default -> throw new IllegalArgumentException("no exchange model " + model);
        };
    }

    /**
     * Deribit portfolio margin in the shape of the {@code model_params} of Deribit's
     * {@code private/pme/simulate}: per index pair ({@code btc_usd}: the risk matrix grid, the
     * extended table and the delta shock) and per settlement currency ({@code btc}, {@code eth},
     * {@code usd}: roll shock, gain offsets, extended dampener), and the general {@code mm_factor}.
     * The INVERSE book of currency C uses pair C with settlement C; a USDC-settled position of
     * underlying U uses pair U with settlement {@code USD} (as {@link DeribitPmLinearParameters#linear}).
     *
     * @param mmFactor    maintenance margin / risk-matrix margin
     * @param pairs       per underlying (upper case)
     * @param settlements per settlement currency (upper case, {@code USD} for USDC-settled positions)
     */
    record DeribitPm(double mmFactor, Map<String, Pair> pairs, Map<String, Settlement> settlements)
            implements ExchangeParameters {

        /** The {@code currency_pair} block of one underlying. */
        public record Pair(DeribitPmParameters.Grid grid, List<Double> extendedMoves, double extendedTableFactor,
                           double maxDeltaShock, double deltaShockThresholdUsd, double deltaShockIncrementPerCoin) {
            public Pair {
                Objects.requireNonNull(grid, "grid");
                extendedMoves = List.copyOf(extendedMoves);
            }

            static Pair of(DeribitPmParameters p) {
                return new Pair(p.grid(), p.extended().moves(), p.extended().tableFactor(),
                        p.addOns().maxDeltaShock(), p.addOns().deltaShockThresholdUsd(),
                        p.addOns().deltaShockIncrementPerCoin());
            }
        }

        /** The {@code currency} block of one settlement currency. */
        public record Settlement(double minAnnualisedMove, double pnlOffset, double maxOffsetablePnlUsd,
                                 double extendedDampenerUsd) {
            static Settlement of(DeribitPmParameters p) {
                return new Settlement(p.addOns().minAnnualisedMove(), p.offsets().pnlOffset(),
                        p.offsets().maxOffsetablePnlUsd(), p.extended().dampenerUsd());
            }
        }

        /** The settlement block of USDC-settled (LINEAR) positions. */
        public static final String USD = "USD";

        public DeribitPm {
            pairs = Map.copyOf(pairs);
            settlements = Map.copyOf(settlements);
        }

        /** {@link DeribitPmParameters#BTC}, {@link DeribitPmParameters#ETH} and {@link DeribitPmLinearParameters#USD}. */
        public static DeribitPm defaults() {
            DeribitPmLinearParameters.UsdSettlement usd = DeribitPmLinearParameters.USD;
            return new DeribitPm(DeribitPmParameters.BTC.mmFactor(),
                    Map.of("BTC", Pair.of(DeribitPmParameters.BTC), "ETH", Pair.of(DeribitPmParameters.ETH)),
                    Map.of("BTC", Settlement.of(DeribitPmParameters.BTC), "ETH", Settlement.of(DeribitPmParameters.ETH),
                            USD, new Settlement(usd.minAnnualisedMove(), usd.offsets().pnlOffset(),
                                    usd.offsets().maxOffsetablePnlUsd(), usd.extendedDampenerUsd())));
        }

        /**
         * @throws IllegalArgumentException when a number is out of its range (the records' own checks)
         */
        private static DeribitPmParameters params(String currency, Pair p, Settlement s, double mmFactor) {
            return new DeribitPmParameters(currency, p.grid(),
                    new DeribitPmParameters.Extended(p.extendedMoves(), p.extendedTableFactor(), s.extendedDampenerUsd()),
                    new DeribitPmParameters.Offsets(s.pnlOffset(), s.maxOffsetablePnlUsd()),
                    new DeribitPmParameters.AddOns(s.minAnnualisedMove(), p.maxDeltaShock(), p.deltaShockThresholdUsd(),
                            p.deltaShockIncrementPerCoin()),
                    mmFactor);
        }

        /** The parameters of the INVERSE books: each currency with both a pair and a settlement block. */
        public Map<String, DeribitPmParameters> inverse() {
            Map<String, DeribitPmParameters> out = new LinkedHashMap<>();
            settlements.forEach((c, s) -> {
                Pair p = pairs.get(c);
                if (p != null && !c.equals(USD)) {
                    out.put(c, params(c, p, s, mmFactor));
                }
            });
            return out;
        }

        /** The parameters of USDC-settled positions: each pair with the {@code USD} settlement block. */
        public Map<String, DeribitPmParameters> linear() {
            Map<String, DeribitPmParameters> out = new LinkedHashMap<>();
            Settlement usd = settlements.get(USD);
            if (usd != null) {
                pairs.forEach((u, p) -> out.put(u, params(u, p, usd, mmFactor)));
            }
            return out;
        }

        @Override
        public String model() {
            return DeribitPortfolioMargin.PRESET;
        }

        @Override
        public MarginBreakdown compute(Portfolio book, MarketSnapshot market) {
            return DeribitPortfolioMargin.compute(book, market, inverse(), linear());
        }
    }

    /** Deribit standard margin: rates per currency. */
    record DeribitStandard(Map<String, DeribitStandardParameters> byCurrency) implements ExchangeParameters {
        public DeribitStandard {
            byCurrency = Map.copyOf(byCurrency);
        }

        @Override
        public String model() {
            return DeribitStandardMargin.PRESET;
        }

        @Override
        public MarginBreakdown compute(Portfolio book, MarketSnapshot market) {
            return DeribitStandardMargin.compute(book, market, byCurrency);
        }
    }

    /** Binance USDⓈ-M maintenance brackets per underlying. */
    record BinanceTiered(Map<String, Brackets> byUnderlying) implements ExchangeParameters {
        public BinanceTiered {
            byUnderlying = Map.copyOf(byUnderlying);
        }

        @Override
        public String model() {
            return BinanceTieredMargin.PRESET;
        }

        @Override
        public MarginBreakdown compute(Portfolio book, MarketSnapshot market) {
            return BinanceTieredMargin.compute(book, market, byUnderlying);
        }
    }
}

package io.marginscope.analysis;

import io.marginscope.model.Loaded;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.model.AssetMarket;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.OrderBook;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.VolSurface;
import io.marginscope.risk.PriceHistory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts side by side (docs/methodology.md, "Beyond the exchanges' tools"): each account margined
 * alone, and all of them as one cross-margined book whose positions keep their own rows, ids prefixed
 * by the account name ({@code name/id}). The netting benefit is the sum of the accounts' MM minus the
 * MM of the merged book.
 */
public final class CrossMargin {

    /** An account: its book (name = account name) and the snapshot it is valued on. */
    public record Account(String name, Portfolio book, MarketSnapshot market) {
    }

    /**
     * @param accounts each account alone, in the order given
     * @param combined the merged book on the merged snapshot
     * @param warnings how the books and snapshots were merged
     */
    public record Result(List<BookFigures> accounts, BookFigures combined, List<String> warnings) {
        public Result {
            accounts = List.copyOf(accounts);
            warnings = List.copyOf(warnings);
        }

        /** Sum of the accounts' MM, USD. */
        public double accountsMaintenanceMargin() {
            return accounts.stream().mapToDouble(BookFigures::maintenanceMargin).sum();
        }

        /** Sum of the accounts' MM - MM of the merged book, USD. */
        public double nettingBenefit() {
            return accountsMaintenanceMargin() - combined.maintenanceMargin();
        }
    }

    private CrossMargin() {
    }

    public static Result of(List<Account> accounts, Loaded<PriceHistory> history, Policy policy,
                            MarginCalculator.Settings settings) {
        List<BookFigures> alone = new ArrayList<>();
        for (Account a : accounts) {
            alone.add(BookFigures.of(a.book(), a.market(), history, policy, settings));
        }
        List<String> warnings = new ArrayList<>();
        MarketSnapshot market = mergeMarkets(accounts.stream().map(Account::market).toList(), warnings);
        Portfolio merged = merge(accounts, policy, warnings);
        return new Result(alone, BookFigures.of(merged, market, history, policy, settings), warnings);
    }

    /** Distinct account names: the books' names, a repeated one suffixed -2, -3, ... */
    public static List<String> names(List<Portfolio> books) {
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Portfolio b : books) {
            String n = b.name();
            for (int k = 2; !used.add(n); k++) {
                n = b.name() + "-" + k;
            }
            out.add(n);
        }
        return out;
    }

    /**
     * One book holding every account's positions, ids {@code account/id}, named {@code combined}. Its tier:
     * the accounts' common tier; when they differ, the one with the largest multiplier under the policy
     * (with a warning); none when no account names one.
     */
    public static Portfolio merge(List<Account> accounts, Policy policy, List<String> warnings) {
        List<Position> positions = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        Policy.Counterparty cp = policy.counterparty();
        Set<String> effective = new java.util.LinkedHashSet<>();
        boolean anyOwn = false;
        for (Account a : accounts) {
            for (Position p : a.book().positions()) {
                positions.add(new Position(a.name() + "/" + p.id(), p.instrument(), p.quantity(), p.entryPrice()));
            }
            sources.add(a.book().source());
            anyOwn |= a.book().tier() != null;
            String t = a.book().tier() != null ? a.book().tier() : cp == null ? null : cp.tier();
            effective.add(t == null ? "" : t);
        }
        String tier = null;
        if (anyOwn && effective.size() == 1) {
            tier = effective.iterator().next();
        } else if (anyOwn && cp != null && !cp.tiers().isEmpty()) {
            tier = effective.stream().filter(t -> !t.isEmpty())
                    .max(java.util.Comparator.comparingDouble(t -> cp.tiers().getOrDefault(t, 1.0))).orElseThrow();
            warnings.add("the accounts' counterparty tiers differ " + effective + "; the combined book takes " + tier
                    + ", the most conservative");
        }
        if (tier != null && tier.isEmpty()) {
            tier = null;
        }
        return new Portfolio("combined", String.join(" + ", sources), positions, tier);
    }

    /**
     * One snapshot for the merged book: the first snapshot, with the assets (and their implied vols, order
     * books and correlations) it lacks taken from the next ones. Snapshots that disagree on a shared asset
     * or on asOf are named in a warning: the first one's data is used.
     */
    public static MarketSnapshot mergeMarkets(List<MarketSnapshot> markets, List<String> warnings) {
        MarketSnapshot first = markets.get(0);
        Map<String, AssetMarket> assets = new LinkedHashMap<>(first.assets());
        Map<String, VolSurface> surfaces = new LinkedHashMap<>(first.impliedVols());
        Map<String, OrderBook> books = new LinkedHashMap<>(first.orderBooks());
        Map<MarketSnapshot.AssetPair, Double> corr = new LinkedHashMap<>(first.correlations());
        for (int i = 1; i < markets.size(); i++) {
            MarketSnapshot m = markets.get(i);
            if (m.equals(first)) {
                continue;
            }
            if (!m.asOf().equals(first.asOf()) || m.daysPerYear() != first.daysPerYear()) {
                warnings.add("snapshot " + (i + 1) + " is as of " + m.asOf() + ", the first as of " + first.asOf()
                        + ": the combined book is valued as of the first");
            }
            for (Map.Entry<String, AssetMarket> e : m.assets().entrySet()) {
                String a = e.getKey();
                if (!assets.containsKey(a)) {
                    assets.put(a, e.getValue());
                    if (m.impliedVols().containsKey(a)) {
                        surfaces.put(a, m.impliedVols().get(a));
                    }
                    if (m.orderBooks().containsKey(a)) {
                        books.put(a, m.orderBooks().get(a));
                    }
                } else if (!assets.get(a).equals(e.getValue())
                        || !java.util.Objects.equals(first.impliedVols().get(a), m.impliedVols().get(a))) {
                    warnings.add("snapshot " + (i + 1) + " differs from the first on " + a
                            + ": the combined book uses the first's");
                }
            }
            m.correlations().forEach(corr::putIfAbsent);
        }
        return new MarketSnapshot(first.asOf(), first.daysPerYear(), assets, surfaces, corr, books);
    }
}

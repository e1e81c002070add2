package io.marginscope.ui;

import io.marginscope.analysis.BookFigures;
import io.marginscope.analysis.WhatIf;
import io.marginscope.model.Loaded;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.PriceHistory;
import javafx.concurrent.Task;

/**
 * Runs the trade ticket's what-if off the FX thread: {@link WhatIf#run} on the book, the trade, the
 * market (with the analyst's vol overrides), the price history, the margin policy and the Monte Carlo
 * settings, exactly as {@code marginscope whatif} does; without a trade, only the book's figures
 * ({@link BookFigures#of}, the "before" of any trade). {@link #submit} restarts the service, so the
 * result of a run whose inputs were replaced is dropped; the view model decides when to submit.
 */
public final class TradeTicketService extends LatestRequestService<TradeTicketService.Request, TradeTicketService.Run> {

    /**
     * The inputs of one ticket run, fixed when it starts.
     *
     * @param book     the book on show
     * @param market   its snapshot with the vol overrides applied
     * @param history  the price history, or null
     * @param policy   the margin policy
     * @param settings Monte Carlo scenarios and seed
     * @param trade    the one-row trade, or null when the ticket has no quantity yet
     */
    public record Request(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history, Policy policy,
                          MarginCalculator.Settings settings, Portfolio trade) {
    }

    /**
     * A finished run.
     *
     * @param request   what it ran on
     * @param before    the book's figures
     * @param whatIf    the trade's what-if (its {@code before()} is {@code before}), null without a trade
     * @param elapsedMs wall time
     */
    public record Run(Request request, BookFigures before, WhatIf.Result whatIf, long elapsedMs) {
    }

    public TradeTicketService() {
        super("ticket");
    }

    /** The run of a request, on the calling thread (what the task does). */
    static Run compute(Request r) {
        long start = System.nanoTime();
        if (r.trade() == null) {
            BookFigures before = BookFigures.of(r.book(), r.market(), r.history(), r.policy(), r.settings());
            return new Run(r, before, null, (System.nanoTime() - start) / 1_000_000);
        }
        WhatIf.Result w = WhatIf.run(r.book(), r.trade(), r.market(), r.history(), r.policy(), r.settings());
        return new Run(r, w.before(), w, (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    protected Task<Run> createTask(Request r) {
        return new Task<>() {
            @Override
            protected Run call() {
                updateProgress(-1, 1);
                updateMessage(r.trade() == null ? "Ticket: the book's margin …" : "Ticket: what-if …");
                Run run = compute(r);
                updateMessage("");
                return run;
            }
        };
    }
}

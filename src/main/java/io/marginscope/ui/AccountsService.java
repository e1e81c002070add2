package io.marginscope.ui;

import io.marginscope.analysis.CrossMargin;
import io.marginscope.model.Loaded;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.risk.PriceHistory;
import javafx.concurrent.Task;

import java.util.List;

/**
 * Runs accounts side by side off the FX thread: {@link CrossMargin#of} on the accounts, the price
 * history, the margin policy and the Monte Carlo settings, the inputs {@code compute --portfolio A
 * --portfolio B --policy P} uses. {@link #submit} restarts the service: the run in flight is cancelled
 * and only the latest request's result lands.
 */
public final class AccountsService extends LatestRequestService<AccountsService.Request, AccountsService.Run> {

    /**
     * The inputs of one run, fixed when it starts.
     *
     * @param accounts the accounts, the book on show first
     * @param history  the price history, or null
     * @param policy   the margin policy
     * @param settings Monte Carlo scenarios and seed
     */
    public record Request(List<CrossMargin.Account> accounts, Loaded<PriceHistory> history, Policy policy,
                          MarginCalculator.Settings settings) {
        public Request {
            accounts = List.copyOf(accounts);
        }
    }

    /** A finished run: what it ran on, the result and its wall time. */
    public record Run(Request request, CrossMargin.Result result, long elapsedMs) {
    }

    public AccountsService() {
        super("accounts");
    }

    /** The run of a request on the calling thread (what the task does). */
    static Run compute(Request r) {
        long start = System.nanoTime();
        CrossMargin.Result result = CrossMargin.of(r.accounts(), r.history(), r.policy(), r.settings());
        return new Run(r, result, (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    protected Task<Run> createTask(Request r) {
        return new Task<>() {
            @Override
            protected Run call() {
                updateProgress(-1, 1);
                updateMessage("Margining " + r.accounts().size() + " accounts and their cross-margined total …");
                Run run = compute(r);
                updateMessage("");
                return run;
            }
        };
    }
}

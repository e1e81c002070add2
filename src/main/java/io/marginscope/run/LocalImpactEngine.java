package io.marginscope.run;

import io.marginscope.impact.AccountInput;
import io.marginscope.impact.AccountResult;
import io.marginscope.io.InputException;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The embedded engine of an impact run: accounts are read one at a time, margined on a pool of
 * threads, and handed to the sink in the order of the base. At most a few accounts per thread are
 * in flight, so memory does not grow with the base; each account is computed whole by one thread
 * and the sink sums in base order, so the figures do not depend on the thread count.
 */
public final class LocalImpactEngine {

    /** What receives the results, in base order; it may stop the run with bad input. */
    @FunctionalInterface
    public interface Sink {
        void accept(AccountResult result) throws InputException;
    }

    /** Told after each account handed to the sink. */
    @FunctionalInterface
    public interface Progress {
        void done(long accounts);

        Progress NONE = n -> { };
    }

    /** Accounts in flight per thread. */
    static final int WINDOW_PER_THREAD = 8;

    private LocalImpactEngine() {
    }

    /** Every core of this machine. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs every account through the evaluator.
     *
     * @param cancelled polled between accounts: when true the run stops with a {@link CancellationException}
     * @return the number of accounts handed to the sink
     */
    public static long run(ImpactEvaluator evaluator, Iterator<AccountInput> accounts, int threads, Sink sink,
                           Progress progress, BooleanSupplier cancelled) throws InputException, InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "impact-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<AccountResult>> window = new ArrayDeque<>();
        int max = threads * WINDOW_PER_THREAD;
        long done = 0;
        try {
            while (true) {
                while (window.size() < max && accounts.hasNext()) {
                    AccountInput a = accounts.next();
                    window.add(pool.submit(() -> evaluator.evaluate(a)));
                }
                if (window.isEmpty()) {
                    return done;
                }
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("impact run cancelled after " + done + " accounts");
                }
                AccountResult r;
                try {
                    r = window.poll().get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(c);
                }
                sink.accept(r);
                progress.done(++done);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

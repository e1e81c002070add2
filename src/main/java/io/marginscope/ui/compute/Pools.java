package io.marginscope.ui.compute;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Executors of the workstation's background services: each service runs in its own fork-join pool
 * of (cores - 1) daemon workers, at least one, so the engine's parallel revaluation (which forks
 * into the caller's pool) never takes every core and the FX thread stays free.
 */
public final class Pools {

    private Pools() {
    }

    public static ForkJoinPool named(String name) {
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        return new ForkJoinPool(workers, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName(name + "-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }
}

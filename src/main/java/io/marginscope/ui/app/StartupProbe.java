package io.marginscope.ui.app;

import javafx.application.Platform;
import javafx.scene.Scene;

import java.io.PrintStream;

/**
 * Start-up timing. {@code marginscope --startup-probe} opens the workstation as usual and, at the
 * first pulse after the main stage is shown, prints {@code firstFrameEpochMs=<epoch ms>} on stdout
 * and exits 0. With {@code -Dmarginscope.startupTrace=true} it also prints the epoch ms of each
 * phase ({@code mainEpochMs}, {@code fxStartEpochMs}, {@code sceneBuiltEpochMs},
 * {@code stageShownEpochMs}), one {@code name=value} line each, so that the time from launch to
 * the first frame can be split (docs/startup.md). With
 * {@code -Dmarginscope.startupProbe.untilCompute=true} the probe keeps going until the first risk
 * run of the book is on show, prints {@code bookLoadedEpochMs} and {@code firstComputeEpochMs},
 * then exits (the installer's training run uses this, so that its cache covers that work too).
 */
public final class StartupProbe {

    /** The argument that turns the probe on. */
    public static final String ARGUMENT = "--startup-probe";

    private static volatile boolean probe;
    private static final boolean TRACE = Boolean.getBoolean("marginscope.startupTrace");
    private static final boolean UNTIL_COMPUTE = Boolean.getBoolean("marginscope.startupProbe.untilCompute");
    private static final long COMPUTE_TIMEOUT_MS = 60_000;
    private static final java.util.Set<String> MARKED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final PrintStream OUT = System.out;

    private StartupProbe() {
    }

    /** Exit at the first frame (set by the launcher for {@link #ARGUMENT}). */
    public static void enableProbe() {
        probe = true;
    }

    public static boolean probing() {
        return probe;
    }

    /** Prints {@code <phase>EpochMs=<now>} when tracing. */
    public static void mark(String phase) {
        if (TRACE) {
            print(phase, System.currentTimeMillis());
        }
    }

    /**
     * Runs {@code then} once, on the FX thread, after the first pulse that lays out {@code scene}
     * (the pulse that renders the first frame); with the probe on, prints the first-frame time and
     * exits 0 instead.
     */
    static void afterFirstPulse(Scene scene, Runnable then) {
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            long at = System.currentTimeMillis();
            scene.removePostLayoutPulseListener(self[0]);
            if (probe) {
                print("firstFrame", at);
                OUT.flush();
                if (!UNTIL_COMPUTE) {
                    // after this pulse's render has been handed over, not from inside the pulse
                    Platform.runLater(() -> System.exit(0));
                    return;
                }
                Thread t = new Thread(() -> {
                    try {
                        Thread.sleep(COMPUTE_TIMEOUT_MS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.err.println("startup probe: no risk run on show after " + COMPUTE_TIMEOUT_MS + " ms");
                    System.exit(0);
                }, "startup-probe-timeout");
                t.setDaemon(true);
                t.start();
            }
            Platform.runLater(then);
        };
        scene.addPostLayoutPulseListener(self[0]);
    }

    /** The book is on show (printed once, when probing or tracing). */
    static void bookLoaded() {
        if ((probe || TRACE) && MARKED.add("bookLoaded")) {
            print("bookLoaded", System.currentTimeMillis());
        }
    }

    /** The first risk run is on show: printed once; the probe in its until-compute mode exits. */
    static void firstCompute() {
        if ((probe || TRACE) && MARKED.add("firstCompute")) {
            print("firstCompute", System.currentTimeMillis());
            if (probe && UNTIL_COMPUTE) {
                OUT.flush();
                Platform.runLater(() -> System.exit(0));
            }
        }
    }

    private static void print(String phase, long epochMs) {
        OUT.println(phase + "EpochMs=" + epochMs);
    }
}

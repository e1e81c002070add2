package io.marginscope.feed;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deribit's public market data over WebSocket (the JDK's {@link java.net.http.WebSocket}), JSON-RPC
 * 2.0 (messages in {@link DeribitMessages}).
 *
 * <p>On each connection: {@code public/set_heartbeat} with the configured interval, then one
 * {@code public/subscribe} to every channel of the config (index prices, DVOL, tickers). The
 * server's {@code test_request} heartbeats are answered with {@code public/test}. A connection
 * that closes, fails, or stays silent for three heartbeat intervals is dropped and a new one is
 * opened after the {@link Backoff} delay (1 s doubling to 30 s by default, +-20%), subscribing to
 * the same channels again; the delay resets once a subscription is confirmed. A message that
 * cannot be read (bad JSON, a missing or non-positive price, an unknown channel) is logged, counted
 * ({@link Stats#malformed()}) and skipped; the feed stays up.
 *
 * <p>Ticks: an index price gives a price tick; a DVOL value gives a vol-index tick at the last index
 * price of its asset (none before the first price); a ticker gives its index_price and, for an
 * option, its mark_iv as the implied vol. Ticks are delivered on the HTTP client's thread, one at a
 * time. While paused, only the latest tick per asset is kept, and it is delivered on resume.
 */
public final class DeribitFeed extends AbstractFeed {

    /** Counters since start. */
    public record Stats(long connections, long messages, long ticks, long malformed, long testRequestsAnswered) {
    }

    private final DeribitConfig config;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Double> lastPrice = new ConcurrentHashMap<>();
    private final Object deliveryLock = new Object();
    private final Map<String, Tick> held = new LinkedHashMap<>();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong testAnswers = new AtomicLong();
    private volatile Connection current;
    private volatile boolean stopping;
    private volatile boolean paused;
    private int attempt;

    public DeribitFeed(DeribitConfig config) {
        this.config = config;
        // named daemon threads for the I/O and the listener callbacks. The JDK completes the opening
        // handshake on the common ForkJoinPool (as for every sendAsync), so a caller must not hold every
        // common-pool worker blocked while a connection opens (docs/live.md)
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "feed-deribit-io");
                    t.setDaemon(true);
                    return t;
                })).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "feed-deribit");
            t.setDaemon(true);
            return t;
        });
    }

    public DeribitConfig config() {
        return config;
    }

    @Override
    public String description() {
        return "deribit " + config.endpoint() + " " + config.channels();
    }

    public Stats stats() {
        return new Stats(connections.get(), messages.get(), ticks.get(), malformed.get(), testAnswers.get());
    }

    @Override
    public synchronized void start() {
        if (state() != FeedState.NEW) {
            throw new IllegalStateException("the Deribit feed was already started");
        }
        moveTo(FeedState.CONNECTING, config.endpoint().toString());
        long every = Math.max(1, config.heartbeatSeconds() / 2);
        scheduler.scheduleWithFixedDelay(this::watchdog, every, every, TimeUnit.SECONDS);
        connect();
    }

    @Override
    public void stop() {
        stopping = true;
        Connection c = current;
        if (c != null) {
            c.close();
        }
        scheduler.shutdownNow();
        client.shutdown();
        moveTo(FeedState.STOPPED, "stopped");
    }

    @Override
    public void pause() {
        paused = true;
        if (state() == FeedState.RUNNING) {
            moveTo(FeedState.PAUSED, "");
        }
    }

    @Override
    public void resume() {
        List<Tick> flush;
        synchronized (deliveryLock) {
            paused = false;
            flush = new ArrayList<>(held.values());
            held.clear();
            deliver(flush);
        }
        if (state() == FeedState.PAUSED) {
            moveTo(FeedState.RUNNING, "");
        }
    }

    private void connect() {
        if (stopping) {
            return;
        }
        Connection c = new Connection();
        current = c;
        try {
            client.newWebSocketBuilder().connectTimeout(config.connectTimeout())
                    .buildAsync(config.endpoint(), c)
                    .whenComplete((ws, err) -> {
                        if (err != null) {
                            c.dropped("cannot connect: " + rootMessage(err));
                        }
                    });
        } catch (RuntimeException e) {
            c.dropped("cannot connect: " + e);
        }
    }

    private synchronized void scheduleReconnect(String reason) {
        if (stopping) {
            return;
        }
        Duration delay = config.backoff().delay(attempt, ThreadLocalRandom.current().nextDouble());
        attempt++;
        LOG.log(System.Logger.Level.WARNING, "deribit: " + reason + "; reconnecting in " + delay.toMillis()
                + " ms (attempt " + attempt + ")");
        moveTo(FeedState.RECONNECTING, reason + "; reconnecting in " + delay.toMillis() + " ms (attempt " + attempt + ")");
        try {
            scheduler.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopped meanwhile
        }
    }

    private synchronized void subscribed(int channels) {
        attempt = 0;
        moveTo(paused ? FeedState.PAUSED : FeedState.RUNNING, "subscribed to " + channels + " channels");
    }

    /**
     * Every half heartbeat interval: a connection silent for one interval is probed with a public/test
     * request (a write is what reveals a connection the peer has closed or lost without the client
     * reading its end: the write fails and the connection is dropped); one silent for three intervals is
     * dropped.
     */
    private void watchdog() {
        Connection c = current;
        if (c == null || !c.open()) {
            return;
        }
        long silent = System.nanoTime() - c.lastMessage;
        if (silent > TimeUnit.SECONDS.toNanos(3L * config.heartbeatSeconds())) {
            c.dropped("no message for " + 3 * config.heartbeatSeconds() + " s");
        } else if (silent > TimeUnit.SECONDS.toNanos(config.heartbeatSeconds())) {
            c.send(DeribitMessages.test(ids.incrementAndGet()));
        }
    }

    private void emit(Tick t) {
        ticks.incrementAndGet();
        synchronized (deliveryLock) {
            if (paused) {
                held.put(t.asset(), t);
            } else {
                deliver(List.of(t));
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + r.getMessage());
    }

    /** One WebSocket connection; callbacks of a replaced connection are ignored. */
    private final class Connection implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean dropped = new AtomicBoolean();
        private volatile WebSocket ws;
        private volatile long lastMessage = System.nanoTime();
        private volatile long subscribeId = -1;
        private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);

        boolean open() {
            return ws != null && !dropped.get();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            lastMessage = System.nanoTime();
            connections.incrementAndGet();
            send(DeribitMessages.setHeartbeat(ids.incrementAndGet(), config.heartbeatSeconds()));
            subscribeId = ids.incrementAndGet();
            send(DeribitMessages.subscribe(subscribeId, config.channels()));
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (current == this && !dropped.get()) {
                    handle(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            dropped("closed by the server (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            dropped("connection failed: " + rootMessage(error));
        }

        void handle(String text) {
            lastMessage = System.nanoTime();
            messages.incrementAndGet();
            try {
                switch (DeribitMessages.parse(text)) {
                    case DeribitMessages.Heartbeat h -> {
                        if (h.testRequest()) {
                            send(DeribitMessages.test(ids.incrementAndGet()));
                            testAnswers.incrementAndGet();
                        }
                    }
                    case DeribitMessages.Response r -> {
                        if (r.error() != null) {
                            LOG.log(System.Logger.Level.WARNING, "deribit: request " + r.id() + " failed: " + r.error());
                        } else if (r.id() == subscribeId) {
                            subscribed(r.result() != null && r.result().isArray() ? r.result().size() : 0);
                        }
                    }
                    case DeribitMessages.Notification n -> {
                        Tick t = DeribitMessages.tick(n, lastPrice);
                        if (t != null) {
                            emit(t);
                        }
                    }
                }
            } catch (DeribitMessages.Malformed | RuntimeException e) {
                malformed.incrementAndGet();
                String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
                LOG.log(System.Logger.Level.WARNING, "deribit: skipped a malformed message (" + e.getMessage() + "): "
                        + shown);
            }
        }

        synchronized void send(String text) {
            WebSocket w = ws;
            if (w == null) {
                return;
            }
            sends = sends.handle((r, e) -> null)
                    .thenCompose(x -> w.sendText(text, true))
                    .whenComplete((r, e) -> {
                        if (e != null && !dropped.get()) {
                            // a failed write means the connection is gone, whether or not a read has seen it
                            dropped("send failed: " + rootMessage(e));
                        }
                    });
        }

        /** Once per connection: abort it and, unless stopping or replaced, schedule the next one. */
        void dropped(String reason) {
            if (!dropped.compareAndSet(false, true)) {
                return;
            }
            WebSocket w = ws;
            if (w != null) {
                w.abort();
            }
            if (current == this) {
                scheduleReconnect(reason);
            }
        }

        /** A normal close on stop: no reconnect follows (the feed is stopping). */
        void close() {
            WebSocket w = ws;
            if (w == null || !dropped.compareAndSet(false, true)) {
                return;
            }
            w.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((r, e) -> w.abort());
        }
    }
}

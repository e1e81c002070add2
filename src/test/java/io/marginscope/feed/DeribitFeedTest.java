package io.marginscope.feed;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Deribit feed against a local server speaking the same protocol (127.0.0.1, no outside network). */
@Timeout(180)
class DeribitFeedTest {

    /** Generous: on a loaded 2-core machine the HTTP client's selector thread can be starved for seconds. */
    static final Duration WAIT = Duration.ofSeconds(45);
    static final String OPTION = "BTC-27DEC24-100000-C";

    DeribitTestServer server;
    DeribitFeed feed;
    final BlockingQueue<Tick> ticks = new LinkedBlockingQueue<>();
    final List<FeedState> states = new CopyOnWriteArrayList<>();
    /** Every state change in the order the feed made it, consumed by {@link #awaitTransition}. */
    final BlockingQueue<FeedState> stateEvents = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        server = DeribitTestServer.startLocal();
    }

    @AfterEach
    void stop() throws Exception {
        if (feed != null) {
            feed.stop();
        }
        server.close();
    }

    DeribitConfig config() {
        return DeribitConfig.forAssets(List.of("BTC", "ETH")).withEndpoint(server.uri()).withTickers(List.of(OPTION))
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), 2, 0));
    }

    void connect(DeribitConfig c) throws Exception {
        feed = new DeribitFeed(c);
        feed.addListener(new FeedListener() {
            @Override
            public void onTick(Tick tick) {
                ticks.add(tick);
            }

            @Override
            public void onState(FeedState state, String detail) {
                states.add(state);
                stateEvents.add(state);
            }
        });
        feed.start();
        assertThat(server.awaitRequest("public/subscribe", WAIT)).isNotNull();
        awaitState(FeedState.RUNNING);
    }

    /**
     * Consumes the feed's state changes in order until {@code s}: a wait on the event itself, not on a
     * polled state, so a change that happened before the wait or a state that was already current is never
     * mistaken for the one awaited.
     */
    void awaitTransition(FeedState s) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            FeedState e = stateEvents.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(e).as("a change to " + s + " within " + WAIT + " (feed now " + feed.state() + ", states so far "
                    + states + ", connections opened on the server " + server.opened() + ")").isNotNull();
            if (e == s) {
                return;
            }
        }
    }

    void awaitState(FeedState s) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (feed.state() != s && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(feed.state()).isEqualTo(s);
    }

    Tick next() throws InterruptedException {
        Tick t = ticks.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(t).as("a tick within " + WAIT).isNotNull();
        return t;
    }

    @Test
    void setsTheHeartbeatAndSubscribesToIndicesDvolAndTickers() throws Exception {
        connect(config());
        DeribitTestServer.Request hb = server.received("public/set_heartbeat").getFirst();
        assertThat(hb.json().path("params").path("interval").asInt()).isEqualTo(30);
        assertThat(hb.json().path("jsonrpc").asText()).isEqualTo("2.0");
        DeribitTestServer.Request sub = server.received("public/subscribe").getFirst();
        assertThat(DeribitTestServer.channels(sub)).containsExactly("deribit_price_index.btc_usd",
                "deribit_price_index.eth_usd", "deribit_volatility_index.btc_usd", "deribit_volatility_index.eth_usd",
                "ticker." + OPTION + ".100ms");
        assertThat(sub.json().path("id").isNumber()).isTrue();
    }

    @Test
    void deliversIndexPricesVolIndicesAndImpliedVols() throws Exception {
        connect(config());
        long ts = 1_732_089_600_000L;
        server.pushDvol("btc_usd", 55.0, ts); // before any BTC price: nothing to pair it with, held back
        server.pushIndex("btc_usd", 92_300.5, ts + 1);
        Tick price = next();
        assertThat(price.asset()).isEqualTo("BTC");
        assertThat(price.indexPrice()).isEqualTo(92_300.5);
        assertThat(price.instant()).isEqualTo(Instant.ofEpochMilli(ts + 1));
        assertThat(price.hasImpliedVol()).isFalse();
        assertThat(price.hasVolIndex()).isFalse();

        server.pushDvol("btc_usd", 56.25, ts + 2);
        Tick dvol = next();
        assertThat(dvol.asset()).isEqualTo("BTC");
        assertThat(dvol.indexPrice()).isEqualTo(92_300.5);
        assertThat(dvol.volIndex()).isCloseTo(0.5625, within(1e-12));

        server.pushTicker(OPTION, "100ms", 92_310.0, 58.2, ts + 3);
        Tick iv = next();
        assertThat(iv.asset()).isEqualTo("BTC");
        assertThat(iv.indexPrice()).isEqualTo(92_310.0);
        assertThat(iv.impliedVol()).isCloseTo(0.582, within(1e-12));

        server.pushIndex("eth_usd", 3_110.25, ts + 4);
        assertThat(next().asset()).isEqualTo("ETH");
        assertThat(feed.stats().ticks()).isEqualTo(4);
        assertThat(feed.stats().malformed()).isZero();
    }

    @Test
    void skipsMalformedMessagesAndStaysUp() throws Exception {
        connect(config());
        long ts = 1_732_089_600_000L;
        server.push("this is not JSON {");
        server.push("[1, 2, 3]");
        server.push("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"deribit_price_index.btc_usd\","
                + "\"data\":{\"timestamp\":" + ts + ",\"price\":-5,\"index_name\":\"btc_usd\"}}}");
        server.push("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"deribit_price_index.btc_usd\","
                + "\"data\":{\"price\":91000,\"index_name\":\"btc_usd\"}}}"); // no timestamp
        server.push("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"book.BTC-PERPETUAL.100ms\","
                + "\"data\":{\"timestamp\":" + ts + "}}}");
        server.pushIndex("btc_usd", 91_500, ts);
        Tick t = next();
        assertThat(t.indexPrice()).isEqualTo(91_500);
        assertThat(feed.stats().malformed()).isEqualTo(5);
        assertThat(feed.state()).isEqualTo(FeedState.RUNNING);
        assertThat(server.opened()).isEqualTo(1);
        assertThat(ticks).isEmpty();
    }

    @Test
    void answersTestRequestsWithPublicTest() throws Exception {
        connect(config());
        server.pushTestRequest();
        DeribitTestServer.Request test = server.awaitRequest("public/test", WAIT);
        assertThat(test).isNotNull();
        assertThat(test.json().path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(test.json().has("id")).isTrue();
        // a plain heartbeat needs no answer
        server.push("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"heartbeat\"}}");
        server.pushTestRequest();
        // wait for the second answer itself (awaiting "a" public/test request may return the first)
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((server.received("public/test").size() < 2 || feed.stats().testRequestsAnswered() < 2)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(feed.stats().testRequestsAnswered()).isEqualTo(2);
        assertThat(server.received("public/test")).hasSize(2);
    }

    @Test
    void reconnectsAndResubscribesAfterTheServerDropsTheConnection() throws Exception {
        // the shortest heartbeat Deribit allows: a drop the client's reader does not see is found by the
        // watchdog's probe (a write to the closed connection fails) within a few intervals
        connect(config().withHeartbeat(10));
        awaitTransition(FeedState.RUNNING);
        long ts = 1_732_089_600_000L;
        server.pushIndex("btc_usd", 90_000, ts);
        assertThat(next().indexPrice()).isEqualTo(90_000);

        // each step waits for the event that ends it, in the order the feed makes them: the drop seen
        // (RECONNECTING), then the new connection subscribed (RUNNING, set only on the server's answer to
        // the subscribe, which the server records before answering, after the heartbeat request sent first
        // on the same connection)
        assertThat(server.dropConnections()).as("connections dropped").isEqualTo(1);
        awaitTransition(FeedState.RECONNECTING);
        awaitTransition(FeedState.RUNNING);
        assertThat(server.opened()).isEqualTo(2);
        List<DeribitTestServer.Request> subs = server.received("public/subscribe");
        assertThat(subs).hasSize(2);
        assertThat(DeribitTestServer.channels(subs.get(1))).isEqualTo(DeribitTestServer.channels(subs.get(0)));
        assertThat(server.received("public/set_heartbeat")).hasSize(2);

        server.pushIndex("btc_usd", 89_000, ts + 1000);
        assertThat(next().indexPrice()).isEqualTo(89_000);

        // a clean close by the server (going away) is a drop too
        server.closeConnections();
        awaitTransition(FeedState.RECONNECTING);
        awaitTransition(FeedState.RUNNING);
        assertThat(server.received("public/subscribe")).hasSize(3);
        server.pushIndex("btc_usd", 88_000, ts + 2000);
        assertThat(next().indexPrice()).isEqualTo(88_000);
        assertThat(feed.stats().connections()).isEqualTo(3);
        assertThat(ticks).isEmpty();
    }

    @Test
    void keepsRetryingWithBackoffWhileTheServerIsDown() throws Exception {
        int port = server.getPort();
        server.close();
        feed = new DeribitFeed(config().withEndpoint(java.net.URI.create("ws://127.0.0.1:" + port + "/ws/api/v2")));
        feed.addListener(new FeedListener() {
            @Override
            public void onTick(Tick tick) {
            }

            @Override
            public void onState(FeedState state, String detail) {
                states.add(state);
            }
        });
        feed.start();
        Thread.sleep(700); // 50 + 100 + 200 + 400 ms: about four attempts
        assertThat(feed.state()).isIn(FeedState.RECONNECTING, FeedState.CONNECTING);
        assertThat(feed.stats().connections()).isZero();
        feed.stop();
        assertThat(feed.awaitTermination(WAIT)).isTrue();
        assertThat(feed.state()).isEqualTo(FeedState.STOPPED);
    }

    @Test
    void pauseKeepsTheLatestTickPerAssetUntilResume() throws Exception {
        connect(config());
        long ts = 1_732_089_600_000L;
        feed.pause();
        assertThat(feed.state()).isEqualTo(FeedState.PAUSED);
        server.pushIndex("btc_usd", 90_000, ts);
        server.pushIndex("btc_usd", 90_100, ts + 1);
        server.pushIndex("eth_usd", 3_000, ts + 2);
        server.pushTestRequest(); // the last message: once answered, the three before were read
        assertThat(server.awaitRequest("public/test", WAIT)).isNotNull();
        assertThat(ticks).isEmpty();
        feed.resume();
        assertThat(feed.state()).isEqualTo(FeedState.RUNNING);
        assertThat(next().indexPrice()).isEqualTo(90_100);
        assertThat(next().indexPrice()).isEqualTo(3_000);
        assertThat(ticks).isEmpty();
    }

    @Test
    void stopClosesWithoutReconnecting() throws Exception {
        connect(config());
        feed.stop();
        assertThat(feed.awaitTermination(WAIT)).isTrue();
        assertThat(feed.state()).isEqualTo(FeedState.STOPPED);
        Thread.sleep(300);
        assertThat(server.opened()).isEqualTo(1);
        assertThat(feed.state()).isEqualTo(FeedState.STOPPED);
    }

    @Test
    void backoffDoublesUpToItsCapWithJitterAround() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2, 0.2);
        assertThat(b.delay(0, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(1, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(4, 0.5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(b.delay(5, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.delay(1000, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.delay(0, 0.0)).isEqualTo(Duration.ofMillis(800));
        assertThat(b.delay(0, 0.999_999)).isBetween(Duration.ofMillis(1199), Duration.ofMillis(1200));
    }

    @Test
    void configNamesAssetsAndRejectsBadEndpoints() {
        assertThat(DeribitConfig.assetOfIndex("btc_usd")).isEqualTo("BTC");
        assertThat(DeribitConfig.assetOfInstrument("ETH_USDC-PERPETUAL")).isEqualTo("ETH");
        assertThat(DeribitConfig.assetOfInstrument("BTC-27DEC24-100000-C")).isEqualTo("BTC");
        assertThat(DeribitConfig.forAssets(List.of("SOL")).endpoint()).isEqualTo(DeribitConfig.DEFAULT_ENDPOINT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeribitConfig.forAssets(List.of("BTC"))
                .withEndpoint(java.net.URI.create("https://www.deribit.com"))).isInstanceOf(IllegalArgumentException.class);
    }
}

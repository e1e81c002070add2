package io.marginscope.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket server on 127.0.0.1 (ephemeral port) that speaks the part of Deribit's JSON-RPC API
 * the feed uses: it answers public/subscribe, public/set_heartbeat and public/test as Deribit does,
 * and lets a test push notifications and heartbeats, or drop the connection.
 */
public final class DeribitTestServer extends WebSocketServer implements AutoCloseable {

    /** A request a client sent. */
    public record Request(WebSocket connection, JsonNode json) {
        public String method() {
            return json.path("method").asText();
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CountDownLatch started = new CountDownLatch(1);
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Request> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();

    private DeribitTestServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    /** Starts a server and waits until it listens. */
    public static DeribitTestServer startLocal() throws InterruptedException {
        DeribitTestServer s = new DeribitTestServer();
        s.start();
        if (!s.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test server did not start");
        }
        return s;
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + getPort() + "/ws/api/v2");
    }

    /** Connections opened so far. */
    public int opened() {
        return opened.get();
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        opened.incrementAndGet();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode json;
        try {
            json = MAPPER.readTree(message);
        } catch (Exception e) {
            conn.send("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"parse error\"}}");
            return;
        }
        Request r = new Request(conn, json);
        all.add(r);
        requests.add(r);
        ObjectNode reply = MAPPER.createObjectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", json.get("id"));
        switch (r.method()) {
            case "public/subscribe" -> reply.set("result", json.path("params").path("channels").deepCopy());
            case "public/set_heartbeat", "public/unsubscribe_all" -> reply.put("result", "ok");
            case "public/test" -> reply.putObject("result").put("version", "1.2.26");
            default -> reply.putObject("error").put("code", -32601).put("message", "Method not found");
        }
        reply.put("usIn", System.currentTimeMillis() * 1000).put("usOut", System.currentTimeMillis() * 1000)
                .put("usDiff", 0).put("testnet", true);
        conn.send(reply.toString());
    }

    /** The next request with this method, waiting up to the timeout; null when none came. */
    public Request awaitRequest(String method, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Request r = requests.poll(left, TimeUnit.NANOSECONDS);
            if (r != null && r.method().equals(method)) {
                return r;
            }
        }
    }

    /** Every request received so far with this method. */
    public List<Request> received(String method) {
        List<Request> out = new ArrayList<>();
        for (Request r : all) {
            if (r.method().equals(method)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The channels of a subscribe request. */
    public static List<String> channels(Request subscribe) {
        List<String> out = new ArrayList<>();
        subscribe.json().path("params").path("channels").forEach(c -> out.add(c.asText()));
        return out;
    }

    /** Sends raw text to every open connection. */
    public void push(String text) {
        broadcast(text);
    }

    public void pushNotification(String channel, ObjectNode data) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("jsonrpc", "2.0");
        n.put("method", "subscription");
        n.putObject("params").put("channel", channel).set("data", data);
        broadcast(n.toString());
    }

    /** A deribit_price_index notification. */
    public void pushIndex(String indexName, double price, long timestampMillis) {
        pushNotification("deribit_price_index." + indexName, MAPPER.createObjectNode()
                .put("timestamp", timestampMillis).put("price", price).put("index_name", indexName));
    }

    /** A deribit_volatility_index (DVOL) notification; vol in percent. */
    public void pushDvol(String indexName, double volPercent, long timestampMillis) {
        pushNotification("deribit_volatility_index." + indexName, MAPPER.createObjectNode()
                .put("volatility", volPercent).put("timestamp", timestampMillis).put("index_name", indexName));
    }

    /** A ticker notification of an option; mark_iv in percent. */
    public void pushTicker(String instrument, String interval, double indexPrice, double markIvPercent,
                           long timestampMillis) {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("timestamp", timestampMillis).put("instrument_name", instrument).put("index_price", indexPrice)
                .put("underlying_price", indexPrice * 1.01).put("mark_price", 0.0431).put("mark_iv", markIvPercent)
                .put("state", "open");
        ArrayNode bids = d.putArray("bids");
        bids.addArray().add(0.043).add(10);
        pushNotification("ticker." + instrument + "." + interval, d);
    }

    /** Deribit's heartbeat that asks for a public/test answer. */
    public void pushTestRequest() {
        broadcast("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}");
    }

    /**
     * Drops every connection without a closing handshake (the socket just closes). The library's
     * closeConnection cancels the selection key and closes the channel from this thread; a registered
     * channel's socket is only released when the server's selector next wakes, which nothing else
     * triggers here, so the client would see no end of stream (this made the reconnect test fail under
     * load). The output side is shut first, which sends the FIN at once, and the selector is woken.
     */
    public int dropConnections() {
        int n = 0;
        for (WebSocket c : getConnections()) {
            n++;
            org.java_websocket.WebSocketImpl impl = (org.java_websocket.WebSocketImpl) c;
            java.nio.channels.SelectionKey key = impl.getSelectionKey();
            if (impl.getChannel() instanceof java.nio.channels.SocketChannel sc) {
                try {
                    sc.shutdownOutput();
                } catch (java.io.IOException e) {
                    // already closing: the close below finishes it
                }
            }
            c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the test");
            if (key != null) {
                key.selector().wakeup();
            }
        }
        return n;
    }

    /** Closes every connection with a closing handshake (going away). */
    public void closeConnections() {
        for (WebSocket c : getConnections()) {
            c.close(CloseFrame.GOING_AWAY, "server restart");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }
}

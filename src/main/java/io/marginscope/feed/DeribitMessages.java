package io.marginscope.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON-RPC 2.0 messages of Deribit's public WebSocket API that {@link DeribitFeed} sends and
 * reads (https://docs.deribit.com: public/subscribe, public/set_heartbeat, public/test, and the
 * subscription notifications of deribit_price_index, deribit_volatility_index and ticker).
 */
final class DeribitMessages {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private DeribitMessages() {
    }

    /** A message that is not what the API sends: bad JSON, a missing or wrong field. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** What the server sent. */
    sealed interface Incoming permits Notification, Heartbeat, Response {
    }

    /** {@code {"method": "subscription", "params": {"channel": ..., "data": {...}}}}. */
    record Notification(String channel, JsonNode data) implements Incoming {
    }

    /** {@code {"method": "heartbeat", "params": {"type": "heartbeat" | "test_request"}}}. */
    record Heartbeat(boolean testRequest) implements Incoming {
    }

    /** A reply to one of our requests: its result, or the error's message (null when none). */
    record Response(long id, JsonNode result, String error) implements Incoming {
    }

    static String request(long id, String method, ObjectNode params) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("jsonrpc", "2.0");
        n.put("id", id);
        n.put("method", method);
        n.set("params", params == null ? MAPPER.createObjectNode() : params);
        return n.toString();
    }

    static String subscribe(long id, List<String> channels) {
        ObjectNode p = MAPPER.createObjectNode();
        channels.forEach(p.putArray("channels")::add);
        return request(id, "public/subscribe", p);
    }

    static String setHeartbeat(long id, int intervalSeconds) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("interval", intervalSeconds);
        return request(id, "public/set_heartbeat", p);
    }

    static String test(long id) {
        return request(id, "public/test", null);
    }

    static Incoming parse(String text) throws Malformed {
        JsonNode n;
        try {
            n = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new Malformed("not a JSON object");
        }
        JsonNode method = n.get("method");
        if (method != null) {
            JsonNode params = n.get("params");
            if (params == null || !params.isObject()) {
                throw new Malformed(method.asText() + " without params");
            }
            switch (method.asText()) {
                case "subscription" -> {
                    JsonNode channel = params.get("channel");
                    JsonNode data = params.get("data");
                    if (channel == null || !channel.isTextual() || data == null || !data.isObject()) {
                        throw new Malformed("subscription without a channel or a data object");
                    }
                    return new Notification(channel.asText(), data);
                }
                case "heartbeat" -> {
                    return new Heartbeat("test_request".equals(params.path("type").asText()));
                }
                default -> throw new Malformed("unknown method " + method.asText());
            }
        }
        JsonNode id = n.get("id");
        if (id == null || !id.canConvertToLong()) {
            throw new Malformed("neither a notification nor a response with an id");
        }
        JsonNode error = n.get("error");
        if (error != null && !error.isNull()) {
            return new Response(id.asLong(), null, error.path("message").asText(error.toString()));
        }
        return new Response(id.asLong(), n.get("result"), null);
    }

    /**
     * The tick a notification carries, or null when it carries no price yet (a vol index before the
     * first price of its asset). {@code lastPrice} (asset -> index price) is read for vol-only
     * channels and updated with every price seen.
     */
    static Tick tick(Notification n, Map<String, Double> lastPrice) throws Malformed {
        String channel = n.channel();
        JsonNode d = n.data();
        Instant at = Instant.ofEpochMilli(requiredLong(d, "timestamp", channel));
        if (channel.startsWith("deribit_price_index.")) {
            String asset = DeribitConfig.assetOfIndex(requiredText(d, "index_name", channel));
            double price = positive(d, "price", channel);
            lastPrice.put(asset, price);
            return Tick.price(at, asset, price);
        }
        if (channel.startsWith("deribit_volatility_index.")) {
            String asset = DeribitConfig.assetOfIndex(requiredText(d, "index_name", channel));
            double vol = nonNegative(d, "volatility", channel) / 100.0;
            Double price = lastPrice.get(asset);
            return price == null ? null : new Tick(at, asset, price, Double.NaN, vol);
        }
        if (channel.startsWith("ticker.")) {
            String asset = DeribitConfig.assetOfInstrument(requiredText(d, "instrument_name", channel));
            double price = positive(d, "index_price", channel);
            lastPrice.put(asset, price);
            JsonNode iv = d.get("mark_iv");
            double implied = iv == null || iv.isNull() ? Double.NaN : nonNegative(d, "mark_iv", channel) / 100.0;
            return new Tick(at, asset, price, implied, Double.NaN);
        }
        throw new Malformed("notification on an unexpected channel " + channel);
    }

    private static long requiredLong(JsonNode d, String field, String channel) throws Malformed {
        JsonNode v = d.get(field);
        if (v == null || !v.isNumber()) {
            throw new Malformed(channel + ": no numeric " + field);
        }
        return v.asLong();
    }

    private static String requiredText(JsonNode d, String field, String channel) throws Malformed {
        JsonNode v = d.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new Malformed(channel + ": no " + field);
        }
        return v.asText();
    }

    private static double positive(JsonNode d, String field, String channel) throws Malformed {
        JsonNode v = d.get(field);
        if (v == null || !v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble())) {
            throw new Malformed(channel + ": " + field + " must be a positive number, got " + v);
        }
        return v.asDouble();
    }

    private static double nonNegative(JsonNode d, String field, String channel) throws Malformed {
        JsonNode v = d.get(field);
        if (v == null || !v.isNumber() || !(v.asDouble() >= 0) || !Double.isFinite(v.asDouble())) {
            throw new Malformed(channel + ": " + field + " must be a number >= 0, got " + v);
        }
        return v.asDouble();
    }
}

package io.marginscope.feed;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and what {@link DeribitFeed} subscribes to.
 *
 * @param endpoint          WebSocket endpoint of the JSON-RPC API
 * @param indexNames        price indices, e.g. btc_usd, eth_usd: channel {@code deribit_price_index.<name>}
 * @param tickerInstruments instruments whose ticker is followed ({@code ticker.<instrument>.<interval>}):
 *                          an option's mark_iv becomes the tick's implied vol; may be empty
 * @param volIndex          also follow {@code deribit_volatility_index.<name>} (DVOL) for each index
 * @param tickerInterval    ticker channel interval: 100ms, agg2 or raw (raw needs an authorised session)
 * @param heartbeatSeconds  interval asked with public/set_heartbeat (Deribit's minimum is 10)
 * @param connectTimeout    for the opening handshake
 * @param backoff           reconnect delays
 */
public record DeribitConfig(URI endpoint, List<String> indexNames, List<String> tickerInstruments, boolean volIndex,
                            String tickerInterval, int heartbeatSeconds, Duration connectTimeout, Backoff backoff) {

    /** Deribit's production endpoint; the test network is wss://test.deribit.com/ws/api/v2. */
    public static final URI DEFAULT_ENDPOINT = URI.create("wss://www.deribit.com/ws/api/v2");

    public DeribitConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("endpoint must be a ws:// or wss:// URI, got " + endpoint);
        }
        indexNames = List.copyOf(indexNames);
        tickerInstruments = List.copyOf(tickerInstruments);
        if (indexNames.isEmpty() && tickerInstruments.isEmpty()) {
            throw new IllegalArgumentException("nothing to subscribe to: no index and no instrument");
        }
        if (heartbeatSeconds < 10) {
            throw new IllegalArgumentException("heartbeat interval must be >= 10 s (Deribit's minimum)");
        }
        Objects.requireNonNull(tickerInterval, "tickerInterval");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(backoff, "backoff");
    }

    /** The index prices of the given assets (BTC -> btc_usd), DVOL on, no tickers, the defaults. */
    public static DeribitConfig forAssets(List<String> assets) {
        List<String> names = new ArrayList<>();
        for (String a : assets) {
            names.add(indexName(a));
        }
        return new DeribitConfig(DEFAULT_ENDPOINT, names, List.of(), true, "100ms", 30, Duration.ofSeconds(10),
                Backoff.defaults());
    }

    public DeribitConfig withEndpoint(URI uri) {
        return new DeribitConfig(uri, indexNames, tickerInstruments, volIndex, tickerInterval, heartbeatSeconds,
                connectTimeout, backoff);
    }

    public DeribitConfig withTickers(List<String> instruments) {
        return new DeribitConfig(endpoint, indexNames, instruments, volIndex, tickerInterval, heartbeatSeconds,
                connectTimeout, backoff);
    }

    public DeribitConfig withVolIndex(boolean on) {
        return new DeribitConfig(endpoint, indexNames, tickerInstruments, on, tickerInterval, heartbeatSeconds,
                connectTimeout, backoff);
    }

    /** Another heartbeat interval (at least Deribit's minimum of 10 s). */
    public DeribitConfig withHeartbeat(int seconds) {
        return new DeribitConfig(endpoint, indexNames, tickerInstruments, volIndex, tickerInterval, seconds,
                connectTimeout, backoff);
    }

    public DeribitConfig withBackoff(Backoff b) {
        return new DeribitConfig(endpoint, indexNames, tickerInstruments, volIndex, tickerInterval, heartbeatSeconds,
                connectTimeout, b);
    }

    /** The channels to subscribe to, in a stable order. */
    public List<String> channels() {
        List<String> out = new ArrayList<>();
        for (String i : indexNames) {
            out.add("deribit_price_index." + i);
        }
        if (volIndex) {
            for (String i : indexNames) {
                out.add("deribit_volatility_index." + i);
            }
        }
        for (String t : tickerInstruments) {
            out.add("ticker." + t + "." + tickerInterval);
        }
        return out;
    }

    /** BTC -> btc_usd. */
    public static String indexName(String asset) {
        return asset.toLowerCase(Locale.ROOT) + "_usd";
    }

    /** btc_usd -> BTC; the part before the first underscore, upper case. */
    public static String assetOfIndex(String indexName) {
        int u = indexName.indexOf('_');
        return (u < 0 ? indexName : indexName.substring(0, u)).toUpperCase(Locale.ROOT);
    }

    /** BTC-27DEC24-100000-C -> BTC, ETH_USDC-PERPETUAL -> ETH. */
    public static String assetOfInstrument(String instrument) {
        int end = instrument.length();
        for (int i = 0; i < instrument.length(); i++) {
            char c = instrument.charAt(i);
            if (c == '-' || c == '_') {
                end = i;
                break;
            }
        }
        return instrument.substring(0, end).toUpperCase(Locale.ROOT);
    }
}

package io.marginscope.model;

/**
 * How a contract settles. LINEAR contracts settle in USD or a stablecoin; INVERSE contracts
 * (Deribit, BitMEX style) are quoted in USD and settle in the coin. With quantities expressed in
 * coins at the entry price (quantity = USD notional / entry price), the USD value of an inverse
 * future equals that of a linear one; the flag is kept for coin-denominated views.
 */
public enum Settlement {
    LINEAR, INVERSE
}

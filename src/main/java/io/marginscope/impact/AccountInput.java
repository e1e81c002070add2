package io.marginscope.impact;

import java.io.Serializable;

/**
 * One account of a client base as read, before it is parsed: its position in the base (the order
 * every total is summed in), its name, the portfolio text with the name its type and messages come
 * from, an account tier given beside the base (null: the file's own, else the policy's default),
 * and, for an account whose rows were already found bad while reading, the one-line message.
 *
 * @param index      0-based position in the client base
 * @param account    the account's name (the file name without extension, or the {@code account} cell)
 * @param sourceName ends with a file name whose extension says native CSV or Deribit JSON
 * @param text       the portfolio text (empty when {@code badInput} is set)
 * @param tier       the tier given for this account beside the base, or null
 * @param badInput   file, line and field of the first bad row, or null
 */
public record AccountInput(long index, String account, String sourceName, String text, String tier,
                           String badInput) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The same account with a tier given beside the base. */
    public AccountInput withTier(String newTier) {
        return new AccountInput(index, account, sourceName, text, newTier, badInput);
    }
}

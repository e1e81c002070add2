package io.marginscope.impact;

import java.io.Serializable;
import java.util.List;

/**
 * Everything the impact run computes for one account: its figures under each policy (in the order the
 * policies were given) and, when asked, under each crash of the scenario library.
 *
 * @param index     0-based position in the client base
 * @param account   the account's name
 * @param source    where it was read from
 * @param badInput  the one-line message (file, line, field) when the account's input is bad; then the
 *                  lists are empty
 * @param policies  one per policy
 * @param episodes  per episode, one per policy (episode-major); empty without episodes
 * @param warnings  remarks of reading and computing this account
 */
public record AccountResult(long index, String account, String source, String badInput,
                            List<AccountFigures> policies, List<EpisodeFigures> episodes,
                            List<String> warnings) implements Serializable {

    private static final long serialVersionUID = 1L;

    public AccountResult {
        policies = List.copyOf(policies);
        episodes = List.copyOf(episodes);
        warnings = List.copyOf(warnings);
    }

    public static AccountResult bad(AccountInput in, String message) {
        return new AccountResult(in.index(), in.account(), in.sourceName(), message, List.of(), List.of(), List.of());
    }

    public boolean isBad() {
        return badInput != null;
    }
}

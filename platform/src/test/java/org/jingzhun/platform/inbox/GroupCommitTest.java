package org.jingzhun.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order of a group's transactions: what is tried together, what alone, and when units stop being shared. */
class GroupCommitTest {

    /** Attempts as "from-limit" plus "s" when units were shared; refusals as "refuse n". */
    private final List<String> log = new ArrayList<>();

    @Test
    void aGroupNobodyRefusesIsOneAttemptWithSharedUnits() {
        GroupCommit.run(5, attempt(Set.of(), Map.of()), this::refuse);

        assertThat(log).containsExactly("0-5 s");
    }

    @Test
    void aRefusedEventIsAnsweredAloneOnceTheEventsBeforeItAreRecordedAndTheRestGoesOn() {
        GroupCommit.run(5, attempt(Set.of(2), Map.of()), this::refuse);

        assertThat(log).containsExactly("0-5 s", "0-2 s", "refuse 2", "3-5 s");
    }

    @Test
    void anUnattributedFailureRecordsTheSameRangeAgainAndTheRestOfTheSequenceWithoutSharing() {
        // Shared units fail on any range holding event 1 (say, an id taken, found only at the append); one command
        // per unit, event 1 is refused on its own, and event 3 after it.
        GroupCommit.run(5, attempt(Set.of(1, 3), Map.of(1, true)), this::refuse);

        assertThat(log).containsExactly("0-5 s", "0-5", "0-1", "refuse 1", "2-5", "2-3", "refuse 3", "4-5");
    }

    @Test
    void anUnattributedFailureWithoutSharingIsAFailureOfOurs() {
        List<String> attempts = new ArrayList<>();
        GroupCommit.Attempt failing = (from, limit, share) -> {
            attempts.add(from + "-" + limit + (share ? " s" : ""));
            throw new GroupCommit.Unattributed(new IllegalStateException("database away"));
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GroupCommit.run(3, failing, this::refuse))
                .isInstanceOf(GroupCommit.Unattributed.class).hasRootCauseMessage("database away");
        assertThat(attempts).containsExactly("0-3 s", "0-3");
    }

    /**
     * An attempt refusing the first event of {@code refused} within its range; with shared units, one that holds an
     * event of {@code failsShared} fails unattributed instead.
     */
    private GroupCommit.Attempt attempt(Set<Integer> refused, Map<Integer, Boolean> failsShared) {
        return (from, limit, share) -> {
            log.add(from + "-" + limit + (share ? " s" : ""));
            for (int i = from; i < limit; i++) {
                if (share && failsShared.containsKey(i)) {
                    throw new GroupCommit.Unattributed(new IllegalStateException("id taken"));
                }
            }
            for (int i = from; i < limit; i++) {
                if (refused.contains(i)) {
                    return i;
                }
            }
            return -1;
        };
    }

    private void refuse(int index) {
        log.add("refuse " + index);
    }
}

package io.codinspect.supervisor.turn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TurnTest {

    @Test
    void anIdleBeforeTheSessionWasBusyDoesNotEndTheTurn() {
        var turn = new Turn("p");
        turn.idle();
        assertThat(turn.done()).isNotDone();
        turn.busy();
        turn.idle();
        assertThat(turn.done()).isCompletedWithValue(new Turn.Outcome.Completed());
    }

    @Test
    void aStoppedTurnIsCancelledEvenThoughOpenCodeReportsTheAbortAsAnError() {
        var turn = new Turn("p");
        turn.busy();
        turn.stopRequested();
        turn.error("MessageAbortedError");
        turn.idle();
        assertThat(turn.done()).isCompletedWithValue(new Turn.Outcome.Cancelled());
    }

    @Test
    void theFirstErrorIsTheOneReported() {
        var turn = new Turn("p");
        turn.busy();
        turn.error("Incorrect API key");
        turn.error("something later");
        turn.idle();
        turn.idle();
        assertThat(turn.done()).isCompletedWithValue(new Turn.Outcome.Failed("Incorrect API key"));
    }

    @Test
    void theAgentDyingEndsTheTurnAtOnce() {
        var turn = new Turn("p");
        turn.end("The agent process exited");
        assertThat(turn.done()).isCompletedWithValue(new Turn.Outcome.Failed("The agent process exited"));
    }
}

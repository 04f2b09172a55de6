/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.kvsflink.connector.kinesisvideo.reader;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestPacerTest {

    private static final long MS = 1_000_000;

    /** A clock that moves only when the pacer sleeps (or the test moves it). */
    private final AtomicLong now = new AtomicLong();

    private final List<Long> sleeps = new ArrayList<>();

    private RequestPacer pacer(double rate) {
        return new RequestPacer(
                rate,
                now::get,
                nanos -> {
                    sleeps.add(nanos);
                    now.addAndGet(nanos);
                });
    }

    @Test
    void firstCallGoesAtOnce() throws Exception {
        pacer(2.0).awaitTurn();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void consecutiveCallsAreSpacedByTheInverseOfTheRate() throws Exception {
        RequestPacer pacer = pacer(4.0);
        for (int i = 0; i < 5; i++) {
            pacer.awaitTurn();
        }
        assertThat(sleeps).containsExactly(250 * MS, 250 * MS, 250 * MS, 250 * MS);
    }

    @Test
    void aTurnReservedAtTheOldPaceWaitsLongerWhenTheShareFallsMeanwhile() throws Exception {
        java.util.concurrent.atomic.AtomicReference<RequestPacer> pacer =
                new java.util.concurrent.atomic.AtomicReference<>();
        pacer.set(
                new RequestPacer(
                        4.0,
                        now::get,
                        nanos -> {
                            sleeps.add(nanos);
                            now.addAndGet(nanos);
                            pacer.get().setShare(1.0); // another reader got a window meanwhile
                        }));
        pacer.get().awaitTurn();
        pacer.get().awaitTurn();
        // Reserved 250 ms after the first call at 4/s; at 1/s it may go only after 1 s.
        assertThat(sleeps).containsExactly(250 * MS, 750 * MS);
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() throws Exception {
        RequestPacer pacer = pacer(4.0);
        pacer.awaitTurn();
        now.addAndGet(10_000 * MS);
        pacer.awaitTurn();
        pacer.awaitTurn();
        assertThat(sleeps).containsExactly(250 * MS);
    }

    @Test
    void aNewShareAppliesFromTheNextCall() throws Exception {
        RequestPacer pacer = pacer(4.0);
        pacer.awaitTurn();
        pacer.setShare(1.0);
        pacer.awaitTurn();
        assertThat(sleeps).containsExactly(1_000 * MS);
    }

    @Test
    void aLargerShareAppliesFromTheTurnDueAtTheOldPaceOn() throws Exception {
        RequestPacer pacer = pacer(1.0);
        pacer.awaitTurn();
        now.addAndGet(600 * MS);
        pacer.setShare(4.0); // another reader of the stream finished its window

        pacer.awaitTurn();
        pacer.awaitTurn();

        // Not at once (250 ms after the last call have passed): 1 s after it, as at the old
        // pace; then 250 ms apart.
        assertThat(sleeps).containsExactly(400 * MS, 250 * MS);
    }

    @Test
    void aWaitInterruptedByAWakeUpGivesItsTurnBack() throws Exception {
        AtomicBoolean interrupt = new AtomicBoolean();
        RequestPacer pacer =
                new RequestPacer(
                        4.0,
                        now::get,
                        nanos -> {
                            if (interrupt.getAndSet(false)) {
                                now.addAndGet(10 * MS); // woken up 10 ms into the wait
                                throw new InterruptedException("wake-up");
                            }
                            sleeps.add(nanos);
                            now.addAndGet(nanos);
                        });
        pacer.awaitTurn();
        interrupt.set(true);
        assertThatThrownBy(pacer::awaitTurn).isInstanceOf(InterruptedException.class);

        pacer.awaitTurn();

        // The next call waits for the first call's interval only, not one more interval after
        // the abandoned turn.
        assertThat(sleeps).containsExactly(240 * MS);
    }

    @Test
    void aTurnGivenBackAfterAnotherThreadReservedALaterOneNeverHandsThatOneOutAgain()
            throws Exception {
        // A reader's GetDataEndpoint pacer is shared by its fetcher threads: while one waits,
        // another reserves the next turn, then the first is woken up and gives its turn back.
        java.util.concurrent.atomic.AtomicReference<RequestPacer> pacer =
                new java.util.concurrent.atomic.AtomicReference<>();
        AtomicBoolean otherThreadReserves = new AtomicBoolean(true);
        pacer.set(
                new RequestPacer(
                        10.0,
                        now::get,
                        nanos -> {
                            if (otherThreadReserves.getAndSet(false)) {
                                pacer.get().awaitTurn(); // reserves 200 ms, its sleep is at once
                                throw new InterruptedException("wake-up");
                            }
                        }));
        pacer.get().awaitTurn(); // 0 ms
        assertThatThrownBy(pacer.get()::awaitTurn).isInstanceOf(InterruptedException.class);

        // The turn at 200 ms is taken: the next call goes one interval after it, not at 100 ms.
        assertThat(pacer.get().nextTurnNanos()).isEqualTo(300 * MS);
    }

    @Test
    void throttlingHalvesTheRateDownToAnEighth() {
        RequestPacer pacer = pacer(4.0);
        pacer.onThrottled();
        assertThat(pacer.rate()).isEqualTo(2.0);
        for (int i = 0; i < 10; i++) {
            pacer.onThrottled();
        }
        assertThat(pacer.rate()).isEqualTo(4.0 / 8);
    }

    @Test
    void callsWithoutThrottlingWinTheFullShareBack() throws Exception {
        RequestPacer pacer = pacer(4.0);
        for (int i = 0; i < 3; i++) {
            pacer.onThrottled();
        }
        for (int i = 0; i < 10; i++) {
            pacer.awaitTurn();
        }
        assertThat(pacer.rate()).isEqualTo(4.0);
    }

    @Test
    void anInterruptEndsTheWait() {
        RequestPacer pacer =
                new RequestPacer(
                        1.0,
                        () -> 0L,
                        nanos -> {
                            throw new InterruptedException("woken up");
                        });
        assertThatThrownBy(
                        () -> {
                            pacer.awaitTurn();
                            pacer.awaitTurn();
                        })
                .isInstanceOf(InterruptedException.class);
    }

    @Test
    void rejectsANonPositiveShare() {
        assertThatThrownBy(() -> pacer(0.0)).isInstanceOf(IllegalArgumentException.class);
    }
}

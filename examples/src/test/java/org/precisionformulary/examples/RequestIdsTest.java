// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void theIdIsTheTopLevelStringTheEngineWouldEcho() {
        assertThat(RequestIds.requestIdOf("{\"member\":{\"requestId\":\"inner\"},\"requestId\":\"R-1\",\"x\":[1,{}]}"))
                .isEqualTo("R-1");
        assertThat(RequestIds.requestIdOf("{\"requestId\":\"first\",\"requestId\":\"last\"}")).isEqualTo("last");
        assertThat(RequestIds.requestIdOf("  {\"requestId\":\" R 2 \"}")).isEqualTo(" R 2 ");
    }

    @Test
    void aLineTheEngineCannotReadAsAnObjectWithAStringIdHasNone() {
        assertThat(RequestIds.requestIdOf("")).isNull();
        assertThat(RequestIds.requestIdOf("not json")).isNull();
        assertThat(RequestIds.requestIdOf("[\"requestId\",\"R\"]")).isNull();
        assertThat(RequestIds.requestIdOf("{\"requestId\":\"R\",\"drug\":")).isNull();
        assertThat(RequestIds.requestIdOf("{\"requestId\":12}")).isNull();
        assertThat(RequestIds.requestIdOf("{\"requestId\":\"  \"}")).isNull();
        assertThat(RequestIds.requestIdOf("{\"requestId\":\"R\",\"requestId\":null}")).isNull();
        assertThat(RequestIds.requestIdOf("{\"requestId\":\"R\",\"pad\":\"" + "x".repeat(1_000_000) + "\"}")).isNull();
    }

    @Test
    void remembersTheFirstLineOfEveryIdAcrossGrowth() {
        RequestIds ids = new RequestIds(RequestIds.DEFAULT_CAPACITY);
        for (int line = 1; line <= 100_000; line++) {
            assertThat(ids.firstLineOf("id-" + line, line)).isZero();
        }

        assertThat(ids.size()).isEqualTo(100_000);
        assertThat(ids.firstLineOf("id-1", 100_001)).isEqualTo(1);
        assertThat(ids.firstLineOf("id-77777", 100_002)).isEqualTo(77_777);
        assertThat(ids.firstLineOf("id-100000", 100_003)).isEqualTo(100_000);
        assertThat(ids.firstLineOf("id-100001", 100_004)).isZero();
    }

    @Test
    void pastTheCapCheckingStopsForGood() {
        RequestIds ids = new RequestIds(2);
        assertThat(ids.firstLineOf("a", 1)).isZero();
        assertThat(ids.firstLineOf("b", 2)).isZero();
        assertThat(ids.firstLineOf("a", 3)).isEqualTo(1);
        assertThat(ids.full()).isFalse();

        assertThat(ids.firstLineOf("c", 4)).isZero();

        assertThat(ids.full()).isTrue();
        assertThat(ids.firstLineOf("a", 5)).isZero();
    }

    @Test
    void theCapIsBoundedAndFingerprintsAreNeverTheEmptyMarker() {
        assertThatThrownBy(() -> new RequestIds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestIds(RequestIds.DEFAULT_CAPACITY + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RequestIds.fingerprint("")).isNotZero();
        assertThat(RequestIds.fingerprint("R-1")).isNotEqualTo(RequestIds.fingerprint("R-2"));
    }
}

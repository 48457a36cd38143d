package io.codinspect.supervisor.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {

    @Test
    void aLineWithoutEndIsCutAtTheLimitAndTheNextLineStillComes() throws Exception {
        var lines = new ArrayList<String>();
        var endless = "y".repeat(BoundedLines.MAX_CHARS * 50);

        BoundedLines.read(new StringReader("first\r\n" + endless + "\nlast"), lines::add);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("first");
        assertThat(lines.get(1))
                .hasSize(BoundedLines.MAX_CHARS + BoundedLines.CUT.length())
                .endsWith(BoundedLines.CUT);
        assertThat(lines.get(2)).isEqualTo("last");
    }
}

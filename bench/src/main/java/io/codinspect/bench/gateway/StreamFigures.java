package io.codinspect.bench.gateway;

import io.codinspect.bench.Histogram;
import java.util.ArrayList;
import java.util.List;

/** The timings of one path's streams (direct to the model, or through the gateway), and their errors. */
final class StreamFigures {

    /** One of the figures kept per stream. */
    enum Figure {
        REACHES_MODEL("request reaches the model"),
        FIRST_TOKEN("time to first token"),
        FULL_STREAM("full stream (to [DONE])"),
        END("end of the answer's body"),
        MAX_GAP("longest gap between chunks"),
        MEAN_GAP("mean gap between chunks");

        final String label;

        Figure(String label) {
            this.label = label;
        }
    }

    private final String path;
    private final Histogram reachesModel = new Histogram(100_000);
    private final Histogram firstToken = new Histogram(100_000);
    private final Histogram fullStream = new Histogram(100_000);
    private final Histogram end = new Histogram(100_000);
    private final Histogram maxGap = new Histogram(100_000);
    private final Histogram meanGap = new Histogram(100_000);
    private final List<String> errors = new ArrayList<>();

    StreamFigures(String path) {
        this.path = path;
    }

    /**
     * @param reachedModel when the model server received the request ({@link System#nanoTime()}), 0
     *     when not known
     */
    synchronized void add(ModelStreams.Timing timing, long reachedModel) {
        if (timing.error() != null) {
            errors.add(timing.error());
            return;
        }
        if (reachedModel != 0) {
            reachesModel.record(reachedModel - timing.sent());
        }
        firstToken.record(timing.firstToken());
        fullStream.record(timing.done());
        end.record(timing.end());
        maxGap.record(timing.maxGap());
        meanGap.record(timing.meanGap());
    }

    /** The q-quantile of a figure in milliseconds. */
    double millis(Figure figure, double q) {
        return histogram(figure).millis(q);
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    String path() {
        return path;
    }

    /** The first few errors, if there were any. */
    void printErrors() {
        var errors = errors();
        if (!errors.isEmpty()) {
            System.out.printf(
                    "  %s: first errors of %d: %s%n",
                    path, errors.size(), errors.subList(0, Math.min(5, errors.size())));
        }
    }

    long streams() {
        return firstToken.count();
    }

    /** One table row: p50, p90, p99 and max. */
    String row(Figure figure) {
        return "%-44s %8.2f %8.2f %8.2f %8.2f"
                .formatted(
                        path + ": " + figure.label,
                        millis(figure, 0.5),
                        millis(figure, 0.9),
                        millis(figure, 0.99),
                        millis(figure, 1.0));
    }

    private Histogram histogram(Figure figure) {
        return switch (figure) {
            case REACHES_MODEL -> reachesModel;
            case FIRST_TOKEN -> firstToken;
            case FULL_STREAM -> fullStream;
            case END -> end;
            case MAX_GAP -> maxGap;
            case MEAN_GAP -> meanGap;
        };
    }
}

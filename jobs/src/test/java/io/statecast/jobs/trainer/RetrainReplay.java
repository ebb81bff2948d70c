package io.statecast.jobs.trainer;

import io.statecast.jobs.demo.DemoData;
import io.statecast.model.offline.OfflineTraining;
import io.statecast.model.offline.SeriesForecasts;
import io.statecast.model.offline.TransformedSeries;
import io.statecast.model.offline.WalkForward;
import io.statecast.model.serve.ServingModel;
import io.statecast.model.train.TrainerConfig;
import io.statecast.model.train.ValidationGate;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ValueTransform;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays the demo's retraining offline and deterministically (not a test): the demo's synthetic
 * series and initial model, then every {@code every} live steps a {@link RetrainTask} on the last
 * 200 values of the demo trainer's 100 buffered series, judged by the old gate (scaled NLL only)
 * and by the {@link ValidationGate}; each rule keeps its own chain of serving models. Prints each
 * round's gate numbers and the walk-forward one-step MAE over the next {@code every} steps of all
 * series: naive, v1, both chains' serving models and the candidate.
 *
 * <p>Usage: {@code RetrainReplay [level|difference] [rounds] [every]}
 */
public final class RetrainReplay {

    private static final int SERIES = 200;
    private static final int BUFFERED = 100;
    private static final int BUFFER_STEPS = 200;
    private static final int WINDOW = 10;

    public static void main(String[] args) {
        ValueTransform transform = ValueTransform.valueOf(args.length > 0 ? args[0].toUpperCase() : "DIFFERENCE");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        DemoData data = DemoData.synthetic(SERIES, 400, BUFFER_STEPS + (rounds + 1) * every, 42);
        TrainerConfig config = TrainerConfig.builder().cell(CellType.LSTM).hiddenSize(32).windowSteps(WINDOW)
                .horizon(1).head(HeadType.GAUSSIAN).batchSize(32).burnIn(WINDOW).maxIterations(300)
                .evaluateEvery(50).build();
        ModelSnapshot v1 = OfflineTraining.train(config, transform, data.history(), null).snapshot();
        ModelSnapshot oldServing = v1;
        ModelSnapshot newServing = v1;
        System.out.printf("%s, %d rounds every %d steps; MAE over the next %d steps of %d series%n", transform,
                rounds, every, every, SERIES);
        for (int r = 0; r < rounds; r++) {
            int now = BUFFER_STEPS + r * every;
            Map<String, double[]> buffer = buffer(data, now);
            RetrainTask.Outcome oldRun = new RetrainTask(buffer, oldServing, 100, 0.001, 32, 0.2, CpuPacer.forShare(1)).call();
            RetrainTask.Outcome newRun = new RetrainTask(buffer, newServing, 100, 0.001, 32, 0.2, CpuPacer.forShare(1)).call();
            TrainerConfig gate = gateConfig();
            TransformedSeries values = TransformedSeries.of(transform, buffer);
            boolean oldPublishes = OfflineTraining.validationLoss(gate, values, oldRun.candidate())
                    < OfflineTraining.validationLoss(gate, values, oldServing);
            System.out.printf("round %d (live step %d): old gate %s v%d; new gate %s v%d: %s%n", r + 1, now,
                    oldPublishes ? "publishes" : "rejects", oldRun.candidate().getVersion(),
                    newRun.better() ? "publishes" : "rejects", newRun.candidate().getVersion(),
                    newRun.verdict().reason());
            System.out.printf("  next %d steps MAE: naive %.4f  v1 %.4f  old-rule serving v%d %.4f -> %s %.4f"
                    + "  new-rule serving v%d %.4f -> %s %.4f%n", every, naive(data, now, every),
                    mae(v1, data, now, every), oldServing.getVersion(), mae(oldServing, data, now, every),
                    oldPublishes ? "published" : "rejected", mae(oldRun.candidate(), data, now, every),
                    newServing.getVersion(), mae(newServing, data, now, every),
                    newRun.better() ? "published" : "rejected", mae(newRun.candidate(), data, now, every));
            oldServing = oldPublishes ? oldRun.candidate() : oldServing;
            newServing = newRun.better() ? newRun.candidate() : newServing;
        }
    }

    /** The demo model's architecture with the trainer's held-out split (what the gate reads). */
    private static TrainerConfig gateConfig() {
        return TrainerConfig.builder().cell(CellType.LSTM).hiddenSize(32).windowSteps(WINDOW).horizon(1)
                .head(HeadType.GAUSSIAN).batchSize(32).burnIn(WINDOW).validationFraction(0.2).build();
    }

    /** The last 200 values up to live step {@code now} of the 100 series the trainer's bottom-k sample keeps. */
    private static Map<String, double[]> buffer(DemoData data, int now) {
        TreeMap<Long, String> byHash = new TreeMap<>();
        data.live().keySet().forEach(id -> byHash.put(RetrainFunction.hash(id), id));
        Map<String, double[]> buffer = new LinkedHashMap<>();
        byHash.values().stream().limit(BUFFERED).forEach(id -> buffer.put(id,
                Arrays.copyOfRange(data.live().get(id), now - BUFFER_STEPS, now)));
        return buffer;
    }

    /** History and live values up to (excluding) live step {@code to}. */
    private static Map<String, double[]> upTo(DemoData data, int to) {
        Map<String, double[]> out = new LinkedHashMap<>();
        data.history().forEach((id, h) -> {
            double[] all = Arrays.copyOf(h, h.length + to);
            System.arraycopy(data.live().get(id), 0, all, h.length, to);
            out.put(id, all);
        });
        return out;
    }

    /** One-step walk-forward MAE of {@code model} on live steps [from, from + steps) of every series. */
    private static double mae(ModelSnapshot model, DemoData data, int from, int steps) {
        Map<String, SeriesForecasts> f = new WalkForward(ServingModel.of(model), SERIES, 1.96)
                .run(upTo(data, from + steps));
        double sum = 0;
        long n = 0;
        for (SeriesForecasts s : f.values()) {
            int offset = s.actual().length - steps;
            for (int t = offset; t < s.actual().length; t++) {
                sum += Math.abs(s.oneStep()[t] - s.actual()[t]);
                n++;
            }
        }
        return sum / n;
    }

    private static double naive(DemoData data, int from, int steps) {
        double sum = 0;
        long n = 0;
        for (double[] live : data.live().values()) {
            for (int t = from; t < from + steps; t++) {
                sum += Math.abs(live[t] - live[t - 1]);
                n++;
            }
        }
        return sum / n;
    }
}

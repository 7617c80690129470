package dev.concierge.bot.nlu.cli;

import dev.concierge.bot.nlu.IntentModel;
import dev.concierge.bot.nlu.Profile;
import dev.concierge.bot.nlu.TrainingData;
import dev.concierge.bot.nlu.TrainingDataException;
import dev.concierge.bot.nlu.TrainingDataFormat;
import dev.concierge.bot.nlu.TrainingExample;
import dev.concierge.bot.nlu.TrainingOptions;
import dev.concierge.core.cli.CommandOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code nlu-train --train FILE [--format jsonl|yaml|rasa] [--profile default|lexical|fast] [--oos-label oos] --out MODEL}:
 * trains an intent model and writes the file the server loads with {@link IntentModel#load(Path)}.
 */
public final class NluTrainCommand {

    static final String USAGE = "usage: nlu-train --train FILE [--format jsonl|yaml|rasa] [--profile default|lexical|fast]"
            + " [--oos-label oos] [--closed-set true] [--epochs N] --out MODEL";

    private NluTrainCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path train;
        Path model;
        TrainingDataFormat format;
        TrainingOptions options;
        try {
            CommandOptions a = CommandOptions.parse(args, Set.of("train", "format", "profile", "oos-label", "out", "epochs", "closed-set"));
            train = Path.of(a.required("train"));
            model = Path.of(a.required("out"));
            format = a.has("format") ? TrainingDataFormat.parse(a.required("format")) : null;
            Profile profile = Profile.parse(a.get("profile", "default"));
            options = TrainingOptions.defaults(profile)
                    .withOosLabel(a.get("oos-label", TrainingOptions.DEFAULT_OOS_LABEL))
                    .withEpochs(a.integer("epochs", TrainingOptions.defaults(profile).epochs(), 1, 200))
                    .withOpenSet(!Boolean.parseBoolean(a.get("closed-set", "false")));
        } catch (IllegalArgumentException e) {
            err.println("nlu-train: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            List<TrainingExample> data = TrainingData.read(train, format);
            err.println("read " + data.size() + " examples from " + train);
            long t0 = System.nanoTime();
            IntentModel m = IntentModel.train(data, options, line -> err.println("train: " + line));
            double seconds = (System.nanoTime() - t0) / 1e9;
            m.save(model);
            out.println(String.format(Locale.ROOT,
                    "{\"model\":\"%s\",\"profile\":\"%s\",\"intents\":%d,\"examples\":%d,\"features\":%d,"
                            + "\"threshold\":%.4f,\"temperature\":%.4f,\"cascade_gate\":%s,\"train_seconds\":%.2f}",
                    model.toString().replace("\\", "\\\\").replace("\"", "\\\""), m.profile().label(),
                    m.labels().size(), data.size(), m.featureCount(), m.threshold(), m.temperature(),
                    Double.isNaN(m.cascadeGate()) ? "null" : String.format(Locale.ROOT, "%.2f", m.cascadeGate()),
                    seconds));
            return 0;
        } catch (TrainingDataException e) {
            err.println("nlu-train: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("nlu-train: cannot write " + model + ": " + e.getMessage());
            return 1;
        }
    }
}

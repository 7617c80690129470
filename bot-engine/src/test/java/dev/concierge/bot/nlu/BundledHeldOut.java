package dev.concierge.bot.nlu;

import java.util.List;

/**
 * bundled-heldout.jsonl: 8 English and 8 Chinese messages per bundled intent, written by a writer who saw only the
 * intents' names and descriptions, never the training examples. Scores a model on it as {@code nlu-eval} does.
 */
final class BundledHeldOut {

    static final String RESOURCE = "/nlu/bundled-heldout.jsonl";

    /**
     * @param inScopeAccuracy in-scope messages given their own intent (a rejection as out-of-scope counts wrong)
     * @param oosRecall       out-of-scope messages rejected
     * @param examples        messages scored
     */
    record Score(double inScopeAccuracy, double oosRecall, int examples) {
    }

    private BundledHeldOut() {
    }

    static Score score(IntentModel model) {
        List<TrainingExample> data = TrainingData.readResource(RESOURCE, TrainingDataFormat.JSONL);
        int inScope = 0;
        int inScopeRight = 0;
        int oos = 0;
        int oosRight = 0;
        for (TrainingExample e : data) {
            boolean right = model.classify(e.text()).intent().equals(e.intent());
            if (e.intent().equals(TrainingOptions.DEFAULT_OOS_LABEL)) {
                oos++;
                oosRight += right ? 1 : 0;
            } else {
                inScope++;
                inScopeRight += right ? 1 : 0;
            }
        }
        return new Score((double) inScopeRight / inScope, (double) oosRight / oos, data.size());
    }
}

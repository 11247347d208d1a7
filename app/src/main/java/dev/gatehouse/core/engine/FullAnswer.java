package dev.gatehouse.core.engine;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The answer of the traced path to one tool-call question, computed the first time a fast answer is asked for
 * something only that path builds: a message, what is missing, the manifests involved. Running the traced path
 * (with a sink that records) keeps those exactly what an explanation of the same cell shows.
 *
 * <p>It is also the fast answer's {@code involved} list (taken from the traced answer when first read), so that
 * an answer made without a trace allocates one object fewer.
 */
final class FullAnswer extends AbstractList<String> implements RandomAccess {
    private final DecisionEngine engine;
    private final String agent;
    private final String tool;
    private final Context context;
    private volatile Answer answer;

    FullAnswer(DecisionEngine engine, String agent, String tool, Context context) {
        this.engine = engine;
        this.agent = agent;
        this.tool = tool;
        this.context = context;
    }

    Answer get() {
        Answer a = answer;
        if (a == null) {
            a = engine.tracedTool(agent, tool, context, new TraceSink.Recording());
            answer = a;
        }
        return a;
    }

    @Override
    public String get(int index) {
        return get().involved().get(index);
    }

    @Override
    public int size() {
        return get().involved().size();
    }
}

package dev.gatehouse.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Related;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the bytes of one file into positioned documents, the way a real YAML/JSON parser reads them (the
 * "strict" reading). Pure: no I/O. Never throws on bad input: every problem is a diagnostic with a position,
 * and whatever was read before the problem is kept.
 *
 * <p>YAML goes through SnakeYAML's event stream with our own composer, so that aliases are seen where they
 * are used, their expansion is measured (not performed), depth and document count are capped, and duplicate
 * keys are reported instead of silently resolved.
 */
public final class ManifestParser {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_000).build())
            .build();

    private final ReadLimits limits;

    public ManifestParser(ReadLimits limits) {
        this.limits = limits;
    }

    public ManifestParser() {
        this(ReadLimits.DEFAULT);
    }

    public ParsedFile parse(SourceId id, byte[] bytes) {
        boolean jsonByName = id.path().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        SourceFormat nameFormat = jsonByName ? SourceFormat.JSON : SourceFormat.YAML;
        if (bytes.length > limits.maxFileBytes()) {
            return failed(nameFormat, Diagnostic.of(Code.GH105, Span.fileStart(id),
                    "file is larger than the limit of " + limits.maxFileBytes() + " bytes",
                    "split the manifests into several files"));
        }
        String text;
        try {
            text = decode(bytes);
        } catch (MalformedInputException e) {
            return failed(nameFormat, malformedUtf8(id, bytes));
        } catch (CharacterCodingException e) {
            return failed(nameFormat, Diagnostic.of(Code.GH103, Span.fileStart(id), "file is not valid utf-8 text"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        SourceText source = new SourceText(id, text);
        Optional<Diagnostic> binary = findBinary(source);
        if (binary.isPresent()) {
            return new ParsedFile(Optional.of(source), nameFormat, List.of(), List.of(binary.get()));
        }
        if (looksLikeJson(text) || jsonByName) {
            ParsedFile json = parseJson(source);
            if (jsonByName || json.readable()) {
                return json;
            }
        }
        return new YamlComposer(source, limits).compose();
    }

    private static ParsedFile failed(SourceFormat format, Diagnostic d) {
        return new ParsedFile(Optional.empty(), format, List.of(), List.of(d));
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        // The String constructor is intrinsic and replaces what is not UTF-8 by U+FFFD; with no U+FFFD in its
        // result the bytes were valid. Only a file holding U+FFFD (or bad bytes) pays for the reporting decoder.
        String fast = new String(bytes, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Points at the first byte that is not UTF-8: the line and the column in characters decoded so far. */
    private static Diagnostic malformedUtf8(SourceId id, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        int badByte = in.position();
        out.flip();
        String prefix = out.toString();
        int line = 1;
        int col = 1;
        for (int i = 0; i < prefix.length(); i++) {
            if (prefix.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return Diagnostic.of(Code.GH103, Span.point(id, line, col),
                String.format("invalid utf-8 byte 0x%02x at byte offset %d", bytes[Math.min(badByte, bytes.length - 1)] & 0xff, badByte),
                "save the file as utf-8");
    }

    private static Optional<Diagnostic> findBinary(SourceText source) {
        String text = source.text();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f
                    || (c >= 0x80 && c <= 0x9f && c != 0x85) || c == 0xfffe || c == 0xffff;
            if (control) {
                Span at = source.span(i, i + 1);
                String what = c == 0 ? "a nul byte" : String.format("the control character u+%04x", (int) c);
                return Optional.of(Diagnostic.of(Code.GH104, at, "file holds " + what + ": it is not a text manifest"));
            }
        }
        return Optional.empty();
    }

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- JSON

    private ParsedFile parseJson(SourceText source) {
        List<Diagnostic> diags = new ArrayList<>();
        try (JsonParser p = JSON.createParser(source.text())) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new ParsedFile(Optional.of(source), SourceFormat.JSON, List.of(),
                        List.of(Diagnostic.of(Code.GH115, Span.fileStart(source.id()), "file holds no manifest")));
            }
            JsonBuilder builder = new JsonBuilder(source, p, limits, diags);
            Node root = builder.value(1);
            if (root == null) {
                return new ParsedFile(Optional.of(source), SourceFormat.JSON, List.of(), diags);
            }
            JsonToken extra = p.nextToken();
            if (extra != null) {
                diags.add(Diagnostic.of(Code.GH102, jsonSpan(source, p.currentTokenLocation()),
                        "unexpected content after the json value", "a file holds one json object"));
                return new ParsedFile(Optional.of(source), SourceFormat.JSON, List.of(), diags);
            }
            Document doc = new Document(0, root, root.span(), List.of());
            return new ParsedFile(Optional.of(source), SourceFormat.JSON, List.of(doc), diags);
        } catch (JsonParseException e) {
            diags.add(Diagnostic.of(Code.GH102, jsonSpan(source, e.getLocation()), jsonMessage(e)));
            return new ParsedFile(Optional.of(source), SourceFormat.JSON, List.of(), diags);
        } catch (IOException e) {
            diags.add(Diagnostic.of(Code.GH102, Span.fileStart(source.id()), "json cannot be read: " + e.getMessage()));
            return new ParsedFile(Optional.of(source), SourceFormat.JSON, List.of(), diags);
        }
    }

    private static String jsonMessage(JsonParseException e) {
        String m = e.getOriginalMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        return "invalid json: " + m.toLowerCase(java.util.Locale.ROOT).replaceAll("[.]$", "");
    }

    static Span jsonSpan(SourceText source, JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return Span.fileStart(source.id());
        }
        int line = Math.min(loc.getLineNr(), source.lineCount());
        return Span.point(source.id(), line, Math.max(1, loc.getColumnNr()));
    }

    /** Builds the tree from Jackson's token stream, reporting duplicate keys and depth. */
    private static final class JsonBuilder {
        private final SourceText source;
        private final JsonParser p;
        private final ReadLimits limits;
        private final List<Diagnostic> diags;

        JsonBuilder(SourceText source, JsonParser p, ReadLimits limits, List<Diagnostic> diags) {
            this.source = source;
            this.p = p;
            this.limits = limits;
            this.diags = diags;
        }

        private Span start() {
            return jsonSpan(source, p.currentTokenLocation());
        }

        private Span startToEnd(Span start) {
            JsonLocation end = p.currentLocation();
            Span endPoint = jsonSpan(source, end);
            return new Span(source.id(), start.line(), start.column(), endPoint.line(), endPoint.column());
        }

        /** The current token is the first token of a value; returns null after reporting a limit. */
        Node value(int depth) throws IOException {
            JsonToken t = p.currentToken();
            Span start = start();
            if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth > limits.maxDepth()) {
                diags.add(Diagnostic.of(Code.GH106, start, "nesting deeper than " + limits.maxDepth() + " levels"));
                return null;
            }
            switch (t) {
                case START_OBJECT: {
                    List<MapNode.Entry> entries = new ArrayList<>();
                    Map<String, ScalarNode> seen = new HashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        Span keyStart = start();
                        String name = p.currentName();
                        Span keySpan = new Span(source.id(), keyStart.line(), keyStart.column(),
                                keyStart.line(), keyStart.column() + name.length() + 2);
                        ScalarNode key = new ScalarNode(name, ScalarStyle.JSON_STRING, keySpan);
                        p.nextToken();
                        Node v = value(depth + 1);
                        if (v == null) {
                            return null;
                        }
                        ScalarNode first = seen.putIfAbsent(name, key);
                        if (first != null) {
                            diags.add(Diagnostic.of(Code.GH113, keySpan, "duplicate key `" + name + "`",
                                    "Go's json takes the last value, a reader top-down the first: remove one")
                                    .withRelated(new Related(first.span(), "first written here")));
                        }
                        entries.add(new MapNode.Entry(key, v));
                    }
                    return new MapNode(entries, true, startToEnd(start));
                }
                case START_ARRAY: {
                    List<Node> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        Node v = value(depth + 1);
                        if (v == null) {
                            return null;
                        }
                        items.add(v);
                    }
                    return new ListNode(items, true, startToEnd(start));
                }
                case VALUE_STRING:
                    return new ScalarNode(p.getText(), ScalarStyle.JSON_STRING, startToEnd(start));
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return new ScalarNode(p.getText(), ScalarStyle.JSON_NUMBER, startToEnd(start));
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return new ScalarNode(p.getText(), ScalarStyle.JSON_BOOLEAN, startToEnd(start));
                case VALUE_NULL:
                    return new ScalarNode("", ScalarStyle.JSON_NULL, startToEnd(start));
                default:
                    diags.add(Diagnostic.of(Code.GH102, start, "unexpected json token " + t));
                    return null;
            }
        }
    }

    // ---------------------------------------------------------------- YAML

    private static final LoaderOptions LOADER_OPTIONS = loaderOptions();

    /** Our own counters enforce the limits; SnakeYAML's are opened so that ours report first, with our codes. */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        options.setNestingDepthLimit(Integer.MAX_VALUE);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** Our composer over SnakeYAML's events. */
    private static final class YamlComposer {
        private final SourceText source;
        private final ReadLimits limits;
        private final List<Diagnostic> diags = new ArrayList<>();
        private final List<Document> documents = new ArrayList<>();

        private final Map<String, Node> anchors = new HashMap<>();
        /** Expanded sizes of anchored nodes, which aliases repeat; any other node's size is passed up as {@link #lastSize}. */
        private final Map<Node, Long> sizes = new java.util.IdentityHashMap<>();
        /** The expanded size (nodes, aliases counted as what they repeat) of the node {@link #node} returned last. */
        private long lastSize;
        private List<Document.Construct> constructs;
        private int aliasCount;

        YamlComposer(SourceText source, ReadLimits limits) {
            this.source = source;
            this.limits = limits;
        }

        ParsedFile compose() {
            // The bare event parser: building a Yaml object per file would construct resolvers we never use.
            ParserImpl parser = new ParserImpl(new StreamReader(new StringReader(source.text())), LOADER_OPTIONS);
            Iterator<Event> events = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return parser.peekEvent() != null;
                }

                @Override
                public Event next() {
                    return parser.getEvent();
                }
            };
            try {
                while (events.hasNext()) {
                    Event e = events.next();
                    if (e.is(Event.ID.DocumentStart)) {
                        if (documents.size() >= limits.maxDocuments()) {
                            diags.add(Diagnostic.of(Code.GH107, span(e.getStartMark(), e.getEndMark()),
                                    "more than " + limits.maxDocuments() + " documents in one file"));
                            break;
                        }
                        if (!document(events, e)) {
                            break;
                        }
                    }
                }
            } catch (MarkedYAMLException e) {
                diags.add(yamlError(e));
            } catch (YAMLException e) {
                diags.add(Diagnostic.of(Code.GH101, Span.fileStart(source.id()), "yaml cannot be read: " + firstLine(e.getMessage())));
            } catch (StackOverflowError e) {
                diags.add(Diagnostic.of(Code.GH106, Span.fileStart(source.id()), "nesting too deep to read"));
            }
            if (documents.isEmpty() && diags.isEmpty()) {
                diags.add(Diagnostic.of(Code.GH115, Span.fileStart(source.id()), "file holds no manifest"));
            }
            return new ParsedFile(Optional.of(source), SourceFormat.YAML, documents, diags);
        }

        /** Reads one document up to its end; false when reading must stop (a limit was hit). */
        private boolean document(Iterator<Event> events, Event start) {
            anchors.clear();
            sizes.clear();
            aliasCount = 0;
            constructs = new ArrayList<>();
            Event first = events.next();
            if (first.is(Event.ID.DocumentEnd)) {
                return true;
            }
            Node root;
            try {
                root = node(events, first, 1);
            } catch (LimitExceeded limit) {
                diags.add(limit.diagnostic);
                return false;
            }
            events.next(); // DocumentEnd
            documents.add(new Document(documents.size(), root, root.span(), constructs));
            return true;
        }

        private Node node(Iterator<Event> events, Event e, int depth) {
            if (e instanceof AliasEvent alias) {
                Span at = span(alias.getStartMark(), alias.getEndMark());
                constructs.add(new Document.Construct("alias `*" + alias.getAnchor() + "`", at));
                Node target = anchors.get(alias.getAnchor());
                if (target == null) {
                    throw new LimitExceeded(Diagnostic.of(Code.GH108, at,
                            "alias `*" + alias.getAnchor() + "` refers to no anchor or to the node that contains it"));
                }
                if (!(target instanceof ScalarNode) && ++aliasCount > limits.maxAliases()) {
                    throw new LimitExceeded(Diagnostic.of(Code.GH108, at,
                            "more than " + limits.maxAliases() + " aliases to collections in one document"));
                }
                lastSize = sizes.getOrDefault(target, 1L);
                return target;
            }
            if (e instanceof NodeEvent ne && ne.getAnchor() != null) {
                constructs.add(new Document.Construct("anchor `&" + ne.getAnchor() + "`", span(e.getStartMark(), e.getEndMark())));
            }
            if (e instanceof ScalarEvent s) {
                if (s.getTag() != null && !s.getImplicit().canOmitTagInPlainScalar() && !s.getImplicit().canOmitTagInNonPlainScalar()) {
                    constructs.add(new Document.Construct("tag `" + s.getTag() + "`", span(s.getStartMark(), s.getEndMark())));
                }
                ScalarStyle style = switch (s.getScalarStyle()) {
                    case SINGLE_QUOTED -> ScalarStyle.SINGLE_QUOTED;
                    case DOUBLE_QUOTED -> ScalarStyle.DOUBLE_QUOTED;
                    case LITERAL -> ScalarStyle.LITERAL;
                    case FOLDED -> ScalarStyle.FOLDED;
                    default -> ScalarStyle.PLAIN;
                };
                ScalarNode n = new ScalarNode(s.getValue(), style, span(s.getStartMark(), s.getEndMark()));
                return register(s.getAnchor(), n, 1);
            }
            if (e instanceof CollectionStartEvent c) {
                if (depth > limits.maxDepth()) {
                    throw new LimitExceeded(Diagnostic.of(Code.GH106, span(e.getStartMark(), e.getEndMark()),
                            "nesting deeper than " + limits.maxDepth() + " levels"));
                }
                if (c.getTag() != null && !c.getImplicit()) {
                    constructs.add(new Document.Construct("tag `" + c.getTag() + "`", span(c.getStartMark(), c.getEndMark())));
                }
                boolean flow = c.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
                // Registered before the children so a recursive alias is seen as such.
                String anchor = c.getAnchor();
                if (anchor != null) {
                    anchors.remove(anchor);
                }
                if (e instanceof SequenceStartEvent) {
                    List<Node> items = new ArrayList<>();
                    long size = 1;
                    Event next;
                    while (!(next = events.next()).is(Event.ID.SequenceEnd)) {
                        Node item = node(events, next, depth + 1);
                        size = addSize(size, lastSize, item);
                        items.add(item);
                    }
                    ListNode list = new ListNode(items, flow, span(c.getStartMark(), next.getEndMark()));
                    return register(anchor, list, size);
                }
                if (e instanceof MappingStartEvent) {
                    List<MapNode.Entry> entries = new ArrayList<>();
                    Map<String, ScalarNode> seen = new HashMap<>();
                    long size = 1;
                    Event next;
                    while (!(next = events.next()).is(Event.ID.MappingEnd)) {
                        Node key = node(events, next, depth + 1);
                        size = addSize(size, lastSize, key);
                        Node value = node(events, events.next(), depth + 1);
                        size = addSize(size, lastSize, value);
                        if (!(key instanceof ScalarNode k)) {
                            diags.add(Diagnostic.of(Code.GH101, key.span(), "a mapping key must be a scalar, not " + key.shape()));
                            continue;
                        }
                        if (k.style() != ScalarStyle.PLAIN) {
                            constructs.add(new Document.Construct("quoted key `" + k.text() + "`", k.span()));
                        }
                        ScalarNode firstKey = seen.putIfAbsent(k.text(), k);
                        if (firstKey != null) {
                            diags.add(Diagnostic.of(Code.GH113, k.span(), "duplicate key `" + k.text() + "`",
                                    "readers disagree on which value wins: remove one")
                                    .withRelated(new Related(firstKey.span(), "first written here")));
                        }
                        entries.add(new MapNode.Entry(k, value));
                    }
                    MapNode map = new MapNode(entries, flow, span(c.getStartMark(), next.getEndMark()));
                    return register(anchor, map, size);
                }
            }
            throw new LimitExceeded(Diagnostic.of(Code.GH101, span(e.getStartMark(), e.getEndMark()), "unexpected yaml event " + e.getEventId()));
        }

        private long addSize(long size, long childSize, Node child) {
            long s = size + childSize;
            if (s > limits.maxExpandedNodes()) {
                throw new LimitExceeded(Diagnostic.of(Code.GH108, child.span(),
                        "aliases expand the document to more than " + limits.maxExpandedNodes() + " nodes",
                        "an alias bomb (\"billion laughs\"): write the values out"));
            }
            return s;
        }

        private Node register(String anchor, Node n, long size) {
            lastSize = size;
            if (anchor != null) {
                anchors.put(anchor, n);
                sizes.put(n, size);
            }
            return n;
        }

        private Diagnostic yamlError(MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Span at = mark == null ? Span.fileStart(source.id()) : point(mark);
            String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
            if (problem.contains("\\t") || problem.contains("\t")) {
                return Diagnostic.of(Code.GH114, at, "tab character used for indentation", "indent with spaces");
            }
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            return Diagnostic.of(Code.GH101, at, "yaml syntax error: " + context + firstLine(problem));
        }

        private Span point(Mark m) {
            int line = Math.min(m.getLine() + 1, source.lineCount());
            return Span.point(source.id(), line, m.getColumn() + 1);
        }

        private Span span(Mark start, Mark end) {
            if (start == null) {
                return Span.fileStart(source.id());
            }
            Span s = point(start);
            if (end == null) {
                return s;
            }
            Span t = point(end);
            return new Span(source.id(), s.line(), s.column(), t.line(), t.column());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** Unwinds the composer when a limit is hit; the document is dropped, the diagnostic kept. */
    private static final class LimitExceeded extends RuntimeException {
        final transient Diagnostic diagnostic;

        LimitExceeded(Diagnostic diagnostic) {
            super(diagnostic.message(), null, false, false);
            this.diagnostic = diagnostic;
        }
    }

}

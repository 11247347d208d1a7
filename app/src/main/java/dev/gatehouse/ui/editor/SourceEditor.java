package dev.gatehouse.ui.editor;

import dev.gatehouse.ui.common.FindingLevel;
import dev.gatehouse.ui.common.StyleClasses;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.Popup;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.Caret;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.model.PlainTextChange;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.TwoDimensional.Bias;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The editor of one file: line numbers, finding marks in the gutter, YAML colours restyled paragraph by
 * paragraph as the text changes, squiggles under the exact span of each finding with its message and hint on
 * hover, the current line tinted, and a revealed line (a finding jumped to) that stays tinted while the caret
 * moves. Each pause in typing hands the whole text to {@code onEdited}, which validates it off the FX thread and
 * comes back through {@link #show} with marks for exactly that text.
 */
public final class SourceEditor {
    static final String REVEALED_LINE = "revealed-line";
    /** How long typing must pause before the text is validated: long enough not to validate every keystroke. */
    public static final Duration DEBOUNCE = Duration.ofMillis(150);

    private final CodeArea area = new CodeArea();
    private final VirtualizedScrollPane<CodeArea> scrollPane = new VirtualizedScrollPane<>(area);
    private final IntFunction<Node> lineNumbers = LineNumberFactory.get(area);
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyStringWrapper caretPosition = new ReadOnlyStringWrapper(this, "caretPosition", "");
    private final Popup hover = new Popup();
    private final Label hoverText = new Label();
    private SourceDocument document;
    /** The text on disk as last read or saved: what "dirty" compares with. */
    private String diskText;
    private Map<Integer, List<LineMark>> marksByLine = Map.of();
    /** The marks of the text on screen; empty while the text has changed since they were computed. */
    private List<LineMark> shownMarks = List.of();
    /** The names of the text on screen; empty while it has changed since they were found. */
    private List<NameSpan> shownNames = List.of();
    private Set<Integer> squiggled = Set.of();
    private int revealedParagraph = -1;
    private boolean replacing;
    private final java.util.function.Predicate<SourceDocument> takeDisk;
    private final LanguageActions language;
    private final ContextMenu completions = new ContextMenu();
    private ChangeListener<Number> pendingCentre;

    public SourceEditor(SourceDocument document, Consumer<String> onEdited) {
        this(document, onEdited, next -> false);
    }

    /**
     * With what to do when the file changes on disk while this editor has unsaved edits of it:
     * {@code takeDisk} asks, and true replaces the edits with the new text on disk.
     */
    public SourceEditor(SourceDocument document, Consumer<String> onEdited, java.util.function.Predicate<SourceDocument> takeDisk) {
        this(document, onEdited, takeDisk, LanguageActions.NONE);
    }

    /** With the workspace's answers to completion, go to definition, find references and rename. */
    public SourceEditor(SourceDocument document, Consumer<String> onEdited, java.util.function.Predicate<SourceDocument> takeDisk,
                        LanguageActions language) {
        this.takeDisk = takeDisk;
        this.language = language;
        area.setId(idFor(document.path()));
        area.getStyleClass().add("source-editor");
        area.setParagraphGraphicFactory(this::gutter);
        scrollPane.getStyleClass().add("source-scroll");
        hoverText.getStyleClass().add("finding-hover");
        hoverText.setId("finding-hover");
        hoverText.setWrapText(true);
        hoverText.setMaxWidth(560);
        hover.getContent().add(hoverText);
        hover.setAutoHide(true);
        area.plainTextChanges().subscribe(change -> {
            restyle(change);
            // A keystroke from the saved text dirties the tab at once; whether the text is back to the saved one
            // is worked out when typing pauses, as comparing (and joining) the whole text per keystroke costs
            // milliseconds on a long file. (Observing the area's text property would join it per keystroke too.)
            if (!dirty.get() && !replacing) {
                dirty.set(true);
            }
        });
        // Undoing back to the saved text cleans the tab at once: the undo manager is marked whenever it is saved.
        area.getUndoManager().atMarkedPositionProperty().addListener((o, before, now) -> {
            if (now) {
                dirty.set(false);
            }
        });
        area.multiPlainChanges().successionEnds(DEBOUNCE).subscribe(changes -> {
            String text = area.getText();
            settle(text);
            if (!replacing) {
                onEdited.accept(text);
            }
        });
        area.caretColumnProperty().addListener((o, before, now) -> updateCaretPosition());
        area.currentParagraphProperty().addListener((o, before, now) -> updateCaretPosition());
        area.setMouseOverTextDelay(Duration.ofMillis(350));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> showHover(e.getCharacterIndex(), e.getScreenPosition()));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> hover.hide());
        // Ctrl+1 / Alt+Enter offer the quick fixes of the findings at the caret, as desktop IDEs do.
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if ((e.isShortcutDown() && e.getCode() == KeyCode.DIGIT1) || (e.isAltDown() && e.getCode() == KeyCode.ENTER)) {
                e.consume();
                showQuickFixes();
            } else if (e.isControlDown() && e.getCode() == KeyCode.SPACE) {
                e.consume();
                showCompletions();
            } else if (e.getCode() == KeyCode.F12 && e.isShiftDown()) {
                e.consume();
                language.findReferences(document.path(), area.getText(), area.getCaretPosition());
            } else if (e.getCode() == KeyCode.F12) {
                e.consume();
                language.goToDefinition(document.path(), area.getText(), area.getCaretPosition());
            } else if (e.getCode() == KeyCode.F2) {
                e.consume();
                language.rename(document.path(), area.getText(), area.getCaretPosition());
            }
        });
        // Ctrl+click (Cmd+click) on a name opens its definition, as IDEs do.
        area.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.isShortcutDown() && e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                var hit = area.hit(e.getX(), e.getY());
                if (language.goToDefinition(document.path(), area.getText(), hit.getInsertionIndex())) {
                    e.consume();
                }
            }
        });
        completions.setId("completion-menu");
        area.setOnContextMenuRequested(e -> {
            ContextMenu menu = quickFixMenu();
            if (!menu.getItems().isEmpty()) {
                menu.show(area, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        show(document);
        updateCaretPosition();
    }

    /** The editor's id for a workspace path: {@code agents/faq-agent.yaml} → {@code editor-agents-faq-agent-yaml}. */
    public static String idFor(String path) {
        return "editor-" + slug(path);
    }

    /** The path with every character a CSS id selector would need escaped turned into '-'. */
    public static String slug(String path) {
        return path.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    public Node node() {
        return scrollPane;
    }

    public CodeArea area() {
        return area;
    }

    public SourceDocument document() {
        return document;
    }

    /** The text on screen, saved or not. */
    public String text() {
        return area.getText();
    }

    /** Whether the text on screen differs from the file on disk. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** {@code Ln 3, Col 7}: where the caret is, 1-based, for the status bar. */
    public ReadOnlyStringProperty caretPositionProperty() {
        return caretPosition.getReadOnlyProperty();
    }

    /** The marks shown under the text (empty while typing, until the text is validated again). */
    public List<LineMark> shownMarks() {
        return shownMarks;
    }

    /**
     * Shows a validated document. Marks computed for the text on screen are shown; a new text on disk replaces a
     * clean editor's text (the caret keeps its line); a result for any other text (typing went on, or the file
     * changed on disk while edits are unsaved) leaves the text alone, since a newer result or the user decides.
     */
    public void show(SourceDocument next) {
        boolean first = document == null;
        document = next;
        if (!first && dirty.get() && !next.diskText().equals(diskText)) {
            // The file changed on disk under unsaved edits: the user decides, once per change on disk.
            String before = diskText;
            diskText = next.diskText();
            if (takeDisk.test(next)) {
                replaceText(next.diskText());
                area.getUndoManager().forgetHistory();
                settle(area.getText());
                return;
            }
            settle(area.getText());
            if (before != null && !next.text().equals(area.getText())) {
                return;
            }
        }
        if (first || (!next.text().equals(area.getText()) && !dirty.get())) {
            int paragraph = first ? 0 : area.getCurrentParagraph();
            diskText = next.diskText();
            replaceText(next.text());
            revealedParagraph = -1;
            area.moveTo(Math.min(paragraph, area.getParagraphs().size() - 1), 0);
            area.getUndoManager().forgetHistory();
        } else if (next.text().equals(area.getText())) {
            diskText = next.diskText();
        } else {
            return;
        }
        settle(area.getText());
        Map<Integer, List<LineMark>> before = marksByLine;
        marksByLine = next.marks().stream()
                .sorted(Comparator.comparingInt(LineMark::line).thenComparing(LineMark::level))
                .collect(Collectors.groupingBy(LineMark::line, TreeMap::new, Collectors.toList()));
        shownMarks = next.marks();
        refreshGutter(before);
        squiggle();
    }

    /** After a save: the text on screen (as it was when saved) is now on disk. */
    public void saved(String text) {
        diskText = text;
        settle(area.getText());
    }

    /** Dirty unless {@code text} (the text on screen) is the saved one, which the undo manager then marks. */
    private void settle(String text) {
        boolean clean = text.equals(diskText);
        dirty.set(!clean);
        if (clean) {
            area.getUndoManager().mark();
        }
    }

    /** Replaces the whole text as one undoable edit (a quick fix, a rename, a form edit). */
    public void replaceAll(String text) {
        if (!text.equals(area.getText())) {
            area.replaceText(0, area.getLength(), text);
        }
    }

    /** The quick fixes of the findings under the caret, in the order their marks are listed. */
    public List<QuickFix> quickFixesAtCaret() {
        int line = area.getCurrentParagraph() + 1;
        int column = area.getCaretColumn() + 1;
        return shownMarks.stream().filter(m -> !m.fixes().isEmpty() && (covers(m, line, column) || covers(m, line, column - 1)))
                .flatMap(m -> m.fixes().stream()).distinct().toList();
    }

    /**
     * Applies a quick fix as one undoable edit; false when its span no longer fits the text (it was computed on
     * a text that has changed since).
     */
    public boolean apply(QuickFix fix) {
        int start = offset(fix.line(), fix.column());
        int end = offset(fix.endLine(), fix.endColumn());
        if (start < 0 || end < start) {
            return false;
        }
        area.replaceText(start, end, fix.replacement());
        return true;
    }

    private int offset(int line, int column) {
        if (line < 1 || line > area.getParagraphs().size() || column < 1 || column - 1 > area.getParagraphLength(line - 1)) {
            return -1;
        }
        return area.getAbsolutePosition(line - 1, column - 1);
    }

    /** Ctrl+Space: the completions at the caret; choosing one replaces what was typed of it (one undo step). */
    public void showCompletions() {
        List<CompletionItem> items = language.complete(document.path(), area.getText(), area.getCaretPosition());
        completions.getItems().clear();
        for (CompletionItem item : items) {
            MenuItem entry = new MenuItem(item.label() + (item.detail().isEmpty() ? "" : "    " + item.detail()));
            entry.setOnAction(e -> {
                int start = offset(item.line(), item.column());
                int end = offset(item.endLine(), item.endColumn());
                if (start >= 0 && end >= start) {
                    area.replaceText(start, end, item.insert());
                }
            });
            completions.getItems().add(entry);
        }
        if (items.isEmpty()) {
            completions.hide();
            return;
        }
        area.getCaretBounds().ifPresent(b -> completions.show(area, b.getMinX(), b.getMaxY()));
    }

    /** The completions showing, as their labels (for tests and accessibility). */
    public List<String> shownCompletions() {
        return completions.isShowing() ? completions.getItems().stream().map(MenuItem::getText).toList() : List.of();
    }

    /** Ctrl+1: the quick fixes of the findings at the caret, in a menu at the caret. */
    public void showQuickFixesAtCaret() {
        showQuickFixes();
    }

    private void showQuickFixes() {
        ContextMenu menu = quickFixMenu();
        if (menu.getItems().isEmpty()) {
            return;
        }
        area.getCaretBounds().ifPresent(b -> menu.show(area, b.getMinX(), b.getMaxY()));
    }

    private ContextMenu quickFixMenu() {
        ContextMenu menu = new ContextMenu();
        menu.setId("quick-fix-menu");
        for (QuickFix fix : quickFixesAtCaret()) {
            MenuItem item = new MenuItem("Quick fix: " + fix.title());
            item.setOnAction(e -> apply(fix));
            menu.getItems().add(item);
        }
        return menu;
    }

    /** Puts the caret on a 1-based line and column, tints that line and scrolls it to the middle of the view. */
    public void reveal(int line, int column) {
        int paragraph = Math.max(0, Math.min(line - 1, area.getParagraphs().size() - 1));
        if (revealedParagraph >= 0 && revealedParagraph < area.getParagraphs().size()) {
            area.setParagraphStyle(revealedParagraph, List.of());
        }
        area.setParagraphStyle(paragraph, List.of(REVEALED_LINE));
        revealedParagraph = paragraph;
        int length = area.getParagraphLength(paragraph);
        area.moveTo(paragraph, Math.max(0, Math.min(column - 1, length)));
        centre(paragraph);
    }

    private void replaceText(String text) {
        replacing = true;
        try {
            area.replaceText(text);
            area.setStyleSpans(0, YamlHighlighter.styles(text));
            squiggled = Set.of();
        } finally {
            replacing = false;
        }
    }

    /**
     * Restyles only the paragraphs a change touched: the highlighter reads one line at a time, so the others keep
     * their colours. The change also makes the marks stale, so they come off until the text is validated again.
     */
    private void restyle(PlainTextChange change) {
        if (replacing) {
            return;
        }
        int from = area.offsetToPosition(change.getPosition(), Bias.Forward).getMajor();
        int to = area.offsetToPosition(change.getInsertionEnd(), Bias.Forward).getMajor();
        for (int p = from; p <= to && p < area.getParagraphs().size(); p++) {
            highlight(p);
        }
        if (!shownMarks.isEmpty() || !shownNames.isEmpty()) {
            shownMarks = List.of();
            shownNames = List.of();
            for (int p : squiggled) {
                if (p < area.getParagraphs().size() && (p < from || p > to)) {
                    highlight(p);
                }
            }
            squiggled = Set.of();
        }
    }

    private void highlight(int paragraph) {
        String text = area.getParagraph(paragraph).getText();
        if (!text.isEmpty()) {
            area.setStyleSpans(paragraph, 0, YamlHighlighter.styles(text));
        }
    }

    /**
     * Colours the names the workspace resolves in this text (references and definitions, list items included,
     * which the line colours cannot tell), when the names were found in the text on screen.
     */
    public void showNames(String text, List<NameSpan> spans) {
        if (!text.equals(area.getText())) {
            return;
        }
        shownNames = List.copyOf(spans);
        squiggle();
    }

    /**
     * Underlines each mark's span and colours each name, on top of the line colours, restyling only the
     * paragraphs decorated before or now.
     */
    private void squiggle() {
        Map<Integer, List<int[]>> ranges = new TreeMap<>();
        for (LineMark m : shownMarks) {
            addRanges(m, ranges);
        }
        Map<Integer, List<int[]>> names = new TreeMap<>();
        for (NameSpan n : shownNames) {
            if (n.line() == n.endLine() && n.line() >= 1 && n.line() <= area.getParagraphs().size()) {
                int length = area.getParagraphLength(n.line() - 1);
                int from = Math.min(n.column() - 1, length);
                int to = Math.min(n.endColumn() - 1, length);
                if (to > from) {
                    names.computeIfAbsent(n.line() - 1, k -> new ArrayList<>()).add(new int[] {from, to});
                }
            }
        }
        Set<Integer> repaint = new LinkedHashSet<>(squiggled);
        repaint.addAll(ranges.keySet());
        repaint.addAll(names.keySet());
        for (int p : repaint) {
            if (p >= area.getParagraphs().size()) {
                continue;
            }
            String text = area.getParagraph(p).getText();
            if (text.isEmpty()) {
                continue;
            }
            StyleSpans<Collection<String>> colours = YamlHighlighter.styles(text);
            List<int[]> named = names.get(p);
            if (named != null) {
                colours = colours.overlay(nameSpans(text.length(), named), SourceEditor::union);
            }
            List<int[]> marked = ranges.get(p);
            StyleSpans<Collection<String>> styles = marked == null ? colours : colours.overlay(underlines(text.length(), marked), SourceEditor::union);
            // A paragraph already styled so keeps its text nodes: restyling one lays it out again.
            if (!same(area.getStyleSpans(p), styles)) {
                area.setStyleSpans(p, 0, styles);
            }
        }
        squiggled = new HashSet<>(ranges.keySet());
        squiggled.addAll(names.keySet());
    }

    /** The same styles on the same characters (adjacent spans of equal classes count as one). */
    private static boolean same(StyleSpans<Collection<String>> a, StyleSpans<Collection<String>> b) {
        return a.length() == b.length() && runs(a).equals(runs(b));
    }

    /** Each run of characters with the same style classes: its length and its classes. */
    private static List<Map.Entry<Integer, Set<String>>> runs(StyleSpans<Collection<String>> spans) {
        List<Map.Entry<Integer, Set<String>>> out = new ArrayList<>();
        for (org.fxmisc.richtext.model.StyleSpan<Collection<String>> span : spans) {
            if (span.getLength() == 0) {
                continue;
            }
            Set<String> style = new HashSet<>(span.getStyle());
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).getValue().equals(style)) {
                out.set(last, Map.entry(out.get(last).getKey() + span.getLength(), style));
            } else {
                out.add(Map.entry(span.getLength(), style));
            }
        }
        return out;
    }

    /** The per-paragraph column ranges [from, to, level ordinal] of one mark; an empty span takes the word it starts. */
    private void addRanges(LineMark m, Map<Integer, List<int[]>> ranges) {
        int paragraphs = area.getParagraphs().size();
        int first = m.line() - 1;
        int last = Math.min(m.endLine() - 1, paragraphs - 1);
        if (first < 0 || first >= paragraphs) {
            return;
        }
        for (int p = first; p <= last; p++) {
            String text = area.getParagraph(p).getText();
            // A span over several lines underlines each continuation line from its text, not its indentation.
            int from = p == first ? Math.min(m.column() - 1, text.length()) : text.length() - text.stripLeading().length();
            int to = p == last ? Math.min(m.endColumn() - 1, text.length()) : text.length();
            if (p == first && p == last && to <= from) {
                int[] word = word(text, from);
                from = word[0];
                to = word[1];
            }
            if (to > from) {
                ranges.computeIfAbsent(p, k -> new ArrayList<>()).add(new int[] {from, to, m.level().ordinal()});
            }
        }
    }

    /** The word at a column, else the rest of the line from its first non-blank, else the whole line. */
    private static int[] word(String text, int at) {
        int from = Math.min(at, text.length());
        int to = from;
        while (to < text.length() && !Character.isWhitespace(text.charAt(to))) {
            to++;
        }
        if (to > from) {
            return new int[] {from, to};
        }
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        return new int[] {start, text.length()};
    }

    private static StyleSpans<Collection<String>> underlines(int length, List<int[]> ranges) {
        // The most severe finding wins where ranges overlap: paint least severe first (FindingLevel is ERROR first).
        int[] level = new int[length];
        Arrays.fill(level, -1);
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt((int[] r) -> r[2]).reversed());
        for (int[] r : sorted) {
            for (int i = r[0]; i < r[1]; i++) {
                level[i] = r[2];
            }
        }
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int i = 0;
        while (i < length) {
            int j = i;
            while (j < length && level[j] == level[i]) {
                j++;
            }
            spans.add(level[i] < 0 ? List.of() : List.of("squiggle", "squiggle-" + FindingLevel.values()[level[i]].name().toLowerCase(Locale.ROOT)), j - i);
            i = j;
        }
        return spans.create();
    }

    private static StyleSpans<Collection<String>> nameSpans(int length, List<int[]> ranges) {
        boolean[] named = new boolean[length];
        for (int[] r : ranges) {
            for (int i = r[0]; i < r[1]; i++) {
                named[i] = true;
            }
        }
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int i = 0;
        while (i < length) {
            int j = i;
            while (j < length && named[j] == named[i]) {
                j++;
            }
            spans.add(named[i] ? List.of("yaml-reference") : List.of(), j - i);
            i = j;
        }
        return spans.create();
    }

    private static Collection<String> union(Collection<String> a, Collection<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private void showHover(int offset, Point2D screen) {
        var position = area.offsetToPosition(offset, Bias.Forward);
        int line = position.getMajor() + 1;
        int column = position.getMinor() + 1;
        String text = shownMarks.stream().filter(m -> covers(m, line, column)).map(LineMark::hover)
                .collect(Collectors.joining("\n\n"));
        if (text.isEmpty()) {
            return;
        }
        hoverText.setText(text);
        hover.show(area, screen.getX(), screen.getY() + 12);
    }

    /** Whether a mark's underline covers a 1-based position (an empty span covers its word). */
    private boolean covers(LineMark m, int line, int column) {
        if (line < m.line() || line > m.endLine()) {
            return false;
        }
        if (m.line() == m.endLine() && m.endColumn() <= m.column()) {
            String text = area.getParagraph(line - 1).getText();
            int[] word = word(text, Math.min(m.column() - 1, text.length()));
            return column - 1 >= word[0] && column - 1 < Math.max(word[1], word[0] + 1);
        }
        boolean afterStart = line > m.line() || column >= m.column();
        boolean beforeEnd = line < m.endLine() || column < m.endColumn();
        return afterStart && beforeEnd;
    }

    private void updateCaretPosition() {
        caretPosition.set("Ln " + (area.getCurrentParagraph() + 1) + ", Col " + (area.getCaretColumn() + 1));
    }

    /**
     * Scrolls a paragraph to the middle of the view. An editor in a new tab has no height until its first layout,
     * and centring computes its offset from the height at once, so it waits for the height.
     */
    private void centre(int paragraph) {
        if (pendingCentre != null) {
            area.heightProperty().removeListener(pendingCentre);
            pendingCentre = null;
        }
        if (area.getHeight() > 0) {
            area.showParagraphAtCenter(paragraph);
            return;
        }
        pendingCentre = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Number> o, Number before, Number height) {
                if (height.doubleValue() > 0) {
                    area.heightProperty().removeListener(this);
                    pendingCentre = null;
                    area.showParagraphAtCenter(paragraph);
                }
            }
        };
        area.heightProperty().addListener(pendingCentre);
    }

    /**
     * Marks again the lines whose findings changed since {@code before}, in the gutter nodes shown: setting the
     * graphic factory anew would rebuild (and lay out) the gutter of every paragraph on screen for each read.
     */
    private void refreshGutter(Map<Integer, List<LineMark>> before) {
        java.util.Set<Integer> changed = new java.util.HashSet<>(before.keySet());
        changed.addAll(marksByLine.keySet());
        changed.removeIf(line -> before.getOrDefault(line, List.of()).equals(marksByLine.getOrDefault(line, List.of())));
        if (changed.isEmpty()) {
            return;
        }
        for (Region mark : List.copyOf(gutterMarks.keySet())) {
            Integer paragraph = gutterMarks.get(mark);
            if (paragraph != null && changed.contains(paragraph + 1)) {
                mark(mark, paragraph);
            }
        }
    }

    /** The mark of each gutter node made, by its paragraph (a node is made anew when its paragraph moves). */
    private final Map<Region, Integer> gutterMarks = new java.util.WeakHashMap<>();

    private Node gutter(int paragraph) {
        Region mark = new Region();
        mark(mark, paragraph);
        gutterMarks.put(mark, paragraph);
        HBox gutter = new HBox(lineNumbers.apply(paragraph), mark);
        gutter.getStyleClass().add("gutter");
        return gutter;
    }

    /** A gutter mark in the colour of the worst finding of its line, its findings in a tooltip; plain without any. */
    private void mark(Region mark, int paragraph) {
        if (mark.getProperties().remove(MARK_TOOLTIP) instanceof Tooltip old) {
            Tooltip.uninstall(mark, old);
        }
        List<LineMark> marks = marksByLine.getOrDefault(paragraph + 1, List.of());
        if (!mark.getStyleClass().contains("gutter-mark")) {
            mark.getStyleClass().add("gutter-mark");
        }
        StyleClasses.onlyOfPrefix(mark.getStyleClass(), "level-", marks.isEmpty() ? null : marks.get(0).level().styleClass());
        if (!marks.isEmpty()) {
            Tooltip tip = new Tooltip(marks.stream().map(LineMark::hover).collect(Collectors.joining("\n\n")));
            Tooltip.install(mark, tip);
            mark.getProperties().put(MARK_TOOLTIP, tip);
        }
    }

    private static final String MARK_TOOLTIP = "gatehouse.mark-tooltip";
}

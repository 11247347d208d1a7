package dev.gatehouse.ui.editor;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.Caret;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A read-only view of one file: line numbers, finding marks in the gutter, YAML colours, and a revealed line
 * (caret on it, line tinted) that stays tinted while the caret moves, so the user keeps sight of the finding.
 */
public final class SourceViewer {
    static final String REVEALED_LINE = "revealed-line";

    private final CodeArea area = new CodeArea();
    private final VirtualizedScrollPane<CodeArea> scrollPane = new VirtualizedScrollPane<>(area);
    private final IntFunction<Node> lineNumbers = LineNumberFactory.get(area);
    private SourceDocument document;
    private Map<Integer, List<LineMark>> marksByLine = Map.of();
    private int revealedParagraph = -1;
    private ChangeListener<Number> pendingCentre;

    public SourceViewer(SourceDocument document) {
        area.setId(idFor(document.path()));
        area.getStyleClass().add("source-viewer");
        area.setEditable(false);
        // The caret shows where a finding is even while the problems table keeps the focus.
        area.setShowCaret(Caret.CaretVisibility.ON);
        area.setParagraphGraphicFactory(this::gutter);
        scrollPane.getStyleClass().add("source-scroll");
        show(document);
    }

    /** The viewer's id for a workspace path: {@code agents/faq-agent.yaml} → {@code viewer-agents-faq-agent-yaml}. */
    public static String idFor(String path) {
        return "viewer-" + slug(path);
    }

    /** The path with every character a CSS id selector would need escaped turned into '-'. */
    static String slug(String path) {
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

    /** Shows the document's text and marks; when the text changed on disk, the caret keeps its line number. */
    public void show(SourceDocument next) {
        boolean sameText = document != null && document.text().equals(next.text());
        document = next;
        marksByLine = next.marks().stream()
                .sorted(Comparator.comparingInt(LineMark::line).thenComparing(LineMark::level))
                .collect(Collectors.groupingBy(LineMark::line, TreeMap::new, Collectors.toList()));
        if (sameText) {
            refreshGutter();
            return;
        }
        int paragraph = area.getCurrentParagraph();
        area.replaceText(next.text());
        area.setStyleSpans(0, YamlHighlighter.styles(next.text()));
        revealedParagraph = -1;
        area.moveTo(Math.min(paragraph, area.getParagraphs().size() - 1), 0);
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

    /**
     * Scrolls a paragraph to the middle of the view. A viewer in a new tab has no height until its first layout,
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

    private void refreshGutter() {
        area.setParagraphGraphicFactory(null);
        area.setParagraphGraphicFactory(this::gutter);
    }

    private Node gutter(int paragraph) {
        Region mark = new Region();
        mark.getStyleClass().add("gutter-mark");
        List<LineMark> marks = marksByLine.getOrDefault(paragraph + 1, List.of());
        if (!marks.isEmpty()) {
            mark.getStyleClass().add(marks.get(0).level().styleClass());
            Tooltip.install(mark, new Tooltip(marks.stream().map(LineMark::message).collect(Collectors.joining("\n"))));
        }
        HBox gutter = new HBox(lineNumbers.apply(paragraph), mark);
        gutter.getStyleClass().add("gutter");
        return gutter;
    }
}

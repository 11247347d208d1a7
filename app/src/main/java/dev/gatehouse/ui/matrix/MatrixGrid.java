package dev.gatehouse.ui.matrix;

import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The matrix grid, virtualised: three canvases (column headers, row headers, cells) the size of the viewport and
 * two scroll bars, whatever the matrix size. Each pulse that something changed (scroll, hover, model, colours)
 * redraws only the cells in view, so a 1000 × 1000 matrix costs as much to draw as a 10 × 10 one that fills the
 * same area. Headers stay in place while the cells scroll; column names are written upwards and, like row names,
 * cut with "…" when too long, the whole name in a tooltip.
 *
 * <p>Colours, sizes and font come from CSS ({@code .matrix-grid} in gatehouse.css), which maps them onto
 * AtlantaFX's looked-up colours, so a canvas follows the theme like any control.
 */
final class MatrixGrid extends Region {
    /** Past this many pixels a side, an exported image shows the part in view, not the whole matrix. */
    static final int MAX_IMAGE_SIDE = 8192;
    private static final double HEADER_PADDING = 6;

    private static final StyleablePropertyFactory<MatrixGrid> CSS = new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    private final StyleableProperty<Number> cellSize = CSS.createStyleableNumberProperty(this, "cellSize", "-gh-cell-size", g -> g.cellSize, 18);
    private final StyleableProperty<Number> rowHeaderWidth = CSS.createStyleableNumberProperty(this, "rowHeaderWidth", "-gh-row-header-width", g -> g.rowHeaderWidth, 160);
    private final StyleableProperty<Number> columnHeaderHeight = CSS.createStyleableNumberProperty(this, "columnHeaderHeight", "-gh-column-header-height", g -> g.columnHeaderHeight, 120);
    private final StyleableProperty<Font> font = CSS.createStyleableFontProperty(this, "font", "-gh-font", g -> g.font, Font.getDefault());
    private final StyleableProperty<Color> allowFill = CSS.createStyleableColorProperty(this, "allowFill", "-gh-allow-fill", g -> g.allowFill, Color.GREEN);
    private final StyleableProperty<Color> approvalFill = CSS.createStyleableColorProperty(this, "approvalFill", "-gh-approval-fill", g -> g.approvalFill, Color.ORANGE);
    private final StyleableProperty<Color> denyFill = CSS.createStyleableColorProperty(this, "denyFill", "-gh-deny-fill", g -> g.denyFill, Color.MISTYROSE);
    private final StyleableProperty<Color> exposureFill = CSS.createStyleableColorProperty(this, "exposureFill", "-gh-exposure-fill", g -> g.exposureFill, Color.RED);
    private final StyleableProperty<Color> changedStroke = CSS.createStyleableColorProperty(this, "changedStroke", "-gh-changed-stroke", g -> g.changedStroke, Color.BLUE);
    private final StyleableProperty<Color> selectionStroke = CSS.createStyleableColorProperty(this, "selectionStroke", "-gh-selection-stroke", g -> g.selectionStroke, Color.BLACK);
    private final StyleableProperty<Color> hoverFill = CSS.createStyleableColorProperty(this, "hoverFill", "-gh-hover-fill", g -> g.hoverFill, Color.LIGHTBLUE);
    private final StyleableProperty<Color> gapFill = CSS.createStyleableColorProperty(this, "gapFill", "-gh-gap-fill", g -> g.gapFill, Color.WHITE);
    private final StyleableProperty<Color> backgroundFill = CSS.createStyleableColorProperty(this, "backgroundFill", "-gh-background-fill", g -> g.backgroundFill, Color.WHITE);
    private final StyleableProperty<Color> headerFill = CSS.createStyleableColorProperty(this, "headerFill", "-gh-header-fill", g -> g.headerFill, Color.WHITESMOKE);
    private final StyleableProperty<Color> headerTextFill = CSS.createStyleableColorProperty(this, "headerTextFill", "-gh-header-text-fill", g -> g.headerTextFill, Color.BLACK);
    private final StyleableProperty<Color> headerHighlightFill = CSS.createStyleableColorProperty(this, "headerHighlightFill", "-gh-header-highlight-fill", g -> g.headerHighlightFill, Color.LIGHTBLUE);
    private final StyleableProperty<Color> borderFill = CSS.createStyleableColorProperty(this, "borderFill", "-gh-border-fill", g -> g.borderFill, Color.LIGHTGRAY);

    private final ObjectProperty<GridModel> model = new SimpleObjectProperty<>(this, "model", GridModel.EMPTY);
    private final ObjectProperty<Optional<GridCell>> selection = new SimpleObjectProperty<>(this, "selection", Optional.empty());

    private final Canvas columnHeader = new Canvas();
    private final Canvas rowHeader = new Canvas();
    private final Canvas cells = new Canvas();
    private final Label corner = new Label();
    private final ScrollBar horizontal = new ScrollBar();
    private final ScrollBar vertical = new ScrollBar();
    private final Tooltip cellTip = tooltip();
    private final Tooltip rowTip = tooltip();
    private final Tooltip columnTip = tooltip();
    private final Map<Tooltip, Boolean> installed = new HashMap<>();
    /** Fitted names by name; valid for {@link #fittedFor}, the font and room they were cut for. */
    private final Map<String, String> fitted = new HashMap<>();
    private final Text measure = new Text();
    private String fittedFor = "";

    private Consumer<GridCell> onCellClicked = cell -> { };
    private int hoverRow = -1;
    private int hoverColumn = -1;
    private boolean dirty = true;
    private Optional<GridCell> pendingReveal = Optional.empty();
    private double viewportWidth;
    private double viewportHeight;

    MatrixGrid() {
        getStyleClass().add("matrix-grid");
        setFocusTraversable(true);
        corner.getStyleClass().add("matrix-corner");
        corner.setId("matrix-corner");
        cells.setId("matrix-cells");
        rowHeader.setId("matrix-row-headers");
        columnHeader.setId("matrix-column-headers");
        horizontal.setOrientation(Orientation.HORIZONTAL);
        vertical.setOrientation(Orientation.VERTICAL);
        horizontal.setId("matrix-hbar");
        vertical.setId("matrix-vbar");
        getChildren().addAll(cells, rowHeader, columnHeader, corner, horizontal, vertical);

        for (Observable o : List.<Observable>of(horizontal.valueProperty(), vertical.valueProperty(), selection,
                (Observable) allowFill, (Observable) approvalFill, (Observable) denyFill, (Observable) exposureFill,
                (Observable) changedStroke, (Observable) selectionStroke, (Observable) hoverFill, (Observable) gapFill,
                (Observable) backgroundFill, (Observable) headerFill, (Observable) headerTextFill,
                (Observable) headerHighlightFill, (Observable) borderFill, (Observable) font)) {
            o.addListener(x -> redraw());
        }
        for (Observable o : List.<Observable>of((Observable) cellSize, (Observable) rowHeaderWidth, (Observable) columnHeaderHeight)) {
            o.addListener(x -> requestLayout());
        }
        model.addListener((o, before, now) -> {
            hoverRow = -1;
            hoverColumn = -1;
            corner.setText("agents × " + now.subject().plural());
            requestLayout();
            redraw();
        });
        corner.setText("agents × tools");
        selection.addListener((o, before, now) -> now.ifPresent(this::reveal));

        cells.setOnMouseMoved(this::hoverCells);
        cells.setOnMouseExited(e -> hover(-1, -1));
        cells.setOnMouseClicked(this::click);
        rowHeader.setOnMouseMoved(e -> {
            int row = rowAt(e.getY());
            hover(row, -1);
            tip(rowHeader, rowTip, row < 0 ? "" : model.get().rowName(row));
        });
        rowHeader.setOnMouseExited(e -> hover(-1, -1));
        columnHeader.setOnMouseMoved(e -> {
            int column = columnAt(e.getX());
            hover(-1, column);
            tip(columnHeader, columnTip, column < 0 ? "" : model.get().describeColumn(column));
        });
        columnHeader.setOnMouseExited(e -> hover(-1, -1));
        addEventHandler(ScrollEvent.SCROLL, this::scroll);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    ObjectProperty<GridModel> modelProperty() {
        return model;
    }

    ObjectProperty<Optional<GridCell>> selectionProperty() {
        return selection;
    }

    void setOnCellClicked(Consumer<GridCell> handler) {
        onCellClicked = handler;
    }

    double cellSize() {
        return cellSize.getValue().doubleValue();
    }

    /** Scrolls the least needed to bring a cell fully into view (after the first layout, if there was none yet). */
    void reveal(GridCell cell) {
        if (viewportWidth <= 0 || viewportHeight <= 0) {
            pendingReveal = Optional.of(cell);
            return;
        }
        double size = cellSize();
        horizontal.setValue(clamp(scrolledInto(horizontal.getValue(), cell.column() * size, size, viewportWidth), horizontal));
        vertical.setValue(clamp(scrolledInto(vertical.getValue(), cell.row() * size, size, viewportHeight), vertical));
    }

    /** The centre of a cell in screen coordinates, as it is drawn now: where a click selects it. */
    Point2D cellCentreOnScreen(GridCell cell) {
        double size = cellSize();
        return cells.localToScreen(cell.column() * size - scrollX() + size / 2, cell.row() * size - scrollY() + size / 2);
    }

    /**
     * The grid drawn into an image: the whole matrix with its headers when it fits {@link #MAX_IMAGE_SIDE}, else
     * the part in view, as on screen.
     */
    WritableImage image() {
        GridModel m = model.get();
        double size = cellSize();
        double rowWidth = rowHeaderWidth.getValue().doubleValue();
        double headerHeight = columnHeaderHeight.getValue().doubleValue();
        boolean whole = rowWidth + m.columnCount() * size <= MAX_IMAGE_SIDE && headerHeight + m.rowCount() * size <= MAX_IMAGE_SIDE;
        double width = whole ? m.columnCount() * size : viewportWidth;
        double height = whole ? m.rowCount() * size : viewportHeight;
        double x = whole ? 0 : scrollX();
        double y = whole ? 0 : scrollY();
        Canvas image = new Canvas(Math.max(1, rowWidth + width), Math.max(1, headerHeight + height));
        GraphicsContext g = image.getGraphicsContext2D();
        g.setFill(headerFill.getValue());
        g.fillRect(0, 0, rowWidth, headerHeight);
        g.setFill(headerTextFill.getValue());
        g.setFont(font.getValue());
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(corner.getText(), HEADER_PADDING, headerHeight - HEADER_PADDING);
        within(g, rowWidth, 0, width, headerHeight, () -> drawColumnHeader(g, width, headerHeight, x));
        within(g, 0, headerHeight, rowWidth, height, () -> drawRowHeader(g, rowWidth, height, y));
        within(g, rowWidth, headerHeight, width, height, () -> drawCells(g, width, height, x, y));
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(backgroundFill.getValue());
        return image.snapshot(parameters, null);
    }

    // ---------------------------------------------------------------------------------------------- layout

    @Override
    protected void layoutChildren() {
        GridModel m = model.get();
        double size = cellSize();
        double rowWidth = snapSizeX(rowHeaderWidth.getValue().doubleValue());
        double headerHeight = snapSizeY(columnHeaderHeight.getValue().doubleValue());
        double barWidth = snapSizeX(vertical.prefWidth(-1));
        double barHeight = snapSizeY(horizontal.prefHeight(-1));
        double contentWidth = m.columnCount() * size;
        double contentHeight = m.rowCount() * size;
        double roomWidth = Math.max(0, getWidth() - rowWidth);
        double roomHeight = Math.max(0, getHeight() - headerHeight);
        // A bar takes room from the other direction, which can make that one need its bar too.
        boolean needVertical = contentHeight > roomHeight;
        boolean needHorizontal = contentWidth > roomWidth - (needVertical ? barWidth : 0);
        needVertical = contentHeight > roomHeight - (needHorizontal ? barHeight : 0);
        viewportWidth = Math.max(0, roomWidth - (needVertical ? barWidth : 0));
        viewportHeight = Math.max(0, roomHeight - (needHorizontal ? barHeight : 0));

        corner.resizeRelocate(0, 0, rowWidth, headerHeight);
        columnHeader.relocate(rowWidth, 0);
        columnHeader.setWidth(viewportWidth);
        columnHeader.setHeight(headerHeight);
        rowHeader.relocate(0, headerHeight);
        rowHeader.setWidth(rowWidth);
        rowHeader.setHeight(viewportHeight);
        cells.relocate(rowWidth, headerHeight);
        cells.setWidth(viewportWidth);
        cells.setHeight(viewportHeight);
        configure(horizontal, needHorizontal, contentWidth, viewportWidth, size);
        configure(vertical, needVertical, contentHeight, viewportHeight, size);
        horizontal.resizeRelocate(rowWidth, headerHeight + viewportHeight, viewportWidth, barHeight);
        vertical.resizeRelocate(rowWidth + viewportWidth, headerHeight, barWidth, viewportHeight);
        pendingReveal.ifPresent(cell -> {
            if (viewportWidth > 0 && viewportHeight > 0) {
                pendingReveal = Optional.empty();
                reveal(cell);
            }
        });
        dirty = true;
        draw();
    }

    /**
     * The bar's value is the scroll offset in pixels, 0 … content − viewport; the visible amount is scaled to that
     * range so the thumb is as long, relative to the track, as the viewport is to the content.
     */
    private static void configure(ScrollBar bar, boolean needed, double content, double viewport, double cellSize) {
        double range = Math.max(0, content - viewport);
        bar.setVisible(needed);
        bar.setMin(0);
        bar.setMax(range);
        bar.setVisibleAmount(content <= 0 ? 0 : range * viewport / content);
        bar.setUnitIncrement(cellSize);
        bar.setBlockIncrement(Math.max(cellSize, viewport - cellSize));
        bar.setValue(clamp(bar.getValue(), bar));
    }

    @Override
    protected double computePrefWidth(double height) {
        return 640;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 480;
    }

    @Override
    protected double computeMinWidth(double height) {
        return rowHeaderWidth.getValue().doubleValue() + 3 * cellSize();
    }

    @Override
    protected double computeMinHeight(double width) {
        return columnHeaderHeight.getValue().doubleValue() + 3 * cellSize();
    }

    // --------------------------------------------------------------------------------------------- drawing

    /** Marks the canvases stale; they are drawn once in the next layout pass, however many changes came first. */
    private void redraw() {
        dirty = true;
        setNeedsLayout(true);
    }

    private void draw() {
        if (!dirty) {
            return;
        }
        dirty = false;
        double x = scrollX();
        double y = scrollY();
        drawColumnHeader(columnHeader.getGraphicsContext2D(), columnHeader.getWidth(), columnHeader.getHeight(), x);
        drawRowHeader(rowHeader.getGraphicsContext2D(), rowHeader.getWidth(), rowHeader.getHeight(), y);
        drawCells(cells.getGraphicsContext2D(), cells.getWidth(), cells.getHeight(), x, y);
    }

    private void drawCells(GraphicsContext g, double width, double height, double x, double y) {
        GridModel m = model.get();
        double size = cellSize();
        g.setFill(backgroundFill.getValue());
        g.fillRect(0, 0, width, height);
        if (m.rowCount() == 0 || m.columnCount() == 0) {
            return;
        }
        int firstRow = (int) (y / size);
        int lastRow = Math.min(m.rowCount() - 1, (int) ((y + height) / size));
        int firstColumn = (int) (x / size);
        int lastColumn = Math.min(m.columnCount() - 1, (int) ((x + width) / size));
        g.setFill(gapFill.getValue());
        g.fillRect(0, 0, Math.min(width, m.columnCount() * size - x), Math.min(height, m.rowCount() * size - y));
        Color[] fills = {allowFill.getValue(), approvalFill.getValue(), denyFill.getValue()};
        // One pass per paint, so the context switches colour three times per frame, not once per cell.
        for (CellVerdict verdict : CellVerdict.values()) {
            g.setFill(fills[verdict.ordinal()]);
            for (int r = firstRow; r <= lastRow; r++) {
                for (int c = firstColumn; c <= lastColumn; c++) {
                    if (m.verdict(r, c) == verdict) {
                        g.fillRect(c * size - x, r * size - y, size - 1, size - 1);
                    }
                }
            }
        }
        double corner = Math.round(size * 0.55);
        g.setFill(exposureFill.getValue());
        g.setStroke(changedStroke.getValue());
        g.setLineWidth(2);
        for (int r = firstRow; r <= lastRow; r++) {
            for (int c = firstColumn; c <= lastColumn; c++) {
                double left = c * size - x;
                double top = r * size - y;
                if (m.exposed(r, c)) {
                    double right = left + size - 1;
                    g.fillPolygon(new double[] {right - corner, right, right}, new double[] {top, top, top + corner}, 3);
                }
                if (m.changed(r, c)) {
                    g.strokeRect(left + 2, top + 2, size - 5, size - 5);
                }
            }
        }
        hoverBands(g, m, width, height, x, y, size);
        selection.get().filter(s -> s.row() < m.rowCount() && s.column() < m.columnCount()).ifPresent(s -> {
            // On the gap around the cell, so the outline hides none of the cell's own marks.
            g.setStroke(selectionStroke.getValue());
            g.setLineWidth(2);
            g.strokeRect(s.column() * size - x - 1, s.row() * size - y - 1, size + 1, size + 1);
        });
    }

    /**
     * A light tint along the hovered row and column, to follow them to their headers; the hovered cell itself is
     * left untinted, so its colour reads true.
     */
    private void hoverBands(GraphicsContext g, GridModel m, double width, double height, double x, double y, double size) {
        double right = Math.min(width, m.columnCount() * size - x);
        double bottom = Math.min(height, m.rowCount() * size - y);
        g.setGlobalAlpha(0.14);
        g.setFill(hoverFill.getValue());
        if (hoverRow >= 0) {
            double top = hoverRow * size - y;
            double split = hoverColumn >= 0 ? hoverColumn * size - x : right;
            g.fillRect(0, top, Math.max(0, split), size - 1);
            if (hoverColumn >= 0) {
                g.fillRect(split + size, top, Math.max(0, right - split - size), size - 1);
            }
        }
        if (hoverColumn >= 0) {
            double left = hoverColumn * size - x;
            double split = hoverRow >= 0 ? hoverRow * size - y : bottom;
            g.fillRect(left, 0, size - 1, Math.max(0, split));
            if (hoverRow >= 0) {
                g.fillRect(left, split + size, size - 1, Math.max(0, bottom - split - size));
            }
        }
        g.setGlobalAlpha(1);
    }

    private void drawRowHeader(GraphicsContext g, double width, double height, double y) {
        GridModel m = model.get();
        double size = cellSize();
        g.setFill(headerFill.getValue());
        g.fillRect(0, 0, width, height);
        int selected = selection.get().map(GridCell::row).orElse(-1);
        Font regular = font.getValue();
        Font bold = Font.font(regular.getFamily(), FontWeight.BOLD, regular.getSize());
        g.setTextBaseline(VPos.CENTER);
        int first = (int) (y / size);
        int last = Math.min(m.rowCount() - 1, (int) ((y + height) / size));
        for (int r = first; r <= last; r++) {
            double top = r * size - y;
            if (r == selected || r == hoverRow) {
                g.setFill(headerHighlightFill.getValue());
                g.fillRect(0, top, width, size);
            }
            g.setFill(headerTextFill.getValue());
            g.setFont(r == selected ? bold : regular);
            g.fillText(fit(m.rowName(r), width - 2 * HEADER_PADDING, r == selected), HEADER_PADDING, top + size / 2);
        }
        g.setFill(borderFill.getValue());
        g.fillRect(width - 1, 0, 1, height);
    }

    private void drawColumnHeader(GraphicsContext g, double width, double height, double x) {
        GridModel m = model.get();
        double size = cellSize();
        g.setFill(headerFill.getValue());
        g.fillRect(0, 0, width, height);
        int selected = selection.get().map(GridCell::column).orElse(-1);
        Font regular = font.getValue();
        Font bold = Font.font(regular.getFamily(), FontWeight.BOLD, regular.getSize());
        g.setTextBaseline(VPos.CENTER);
        int first = (int) (x / size);
        int last = Math.min(m.columnCount() - 1, (int) ((x + width) / size));
        for (int c = first; c <= last; c++) {
            double left = c * size - x;
            if (c == selected || c == hoverColumn) {
                g.setFill(headerHighlightFill.getValue());
                g.fillRect(left, 0, size, height);
            }
            g.setFill(headerTextFill.getValue());
            g.setFont(c == selected ? bold : regular);
            g.save();
            g.translate(left + size / 2, height - HEADER_PADDING);
            g.rotate(-90);
            g.fillText(fit(m.columnName(c), height - 2 * HEADER_PADDING, c == selected), 0, 0);
            g.restore();
        }
        g.setFill(borderFill.getValue());
        g.fillRect(0, height - 1, width, 1);
    }

    private static void within(GraphicsContext g, double x, double y, double width, double height, Runnable draw) {
        g.save();
        g.translate(x, y);
        g.beginPath();
        g.rect(0, 0, width, height);
        g.clip();
        draw.run();
        g.restore();
    }

    /** The name, or as much of it as fits in {@code room} followed by "…". */
    private String fit(String name, double room, boolean bold) {
        Font regular = font.getValue();
        String key = regular + "/" + room;
        if (!key.equals(fittedFor)) {
            fitted.clear();
            fittedFor = key;
        }
        return fitted.computeIfAbsent((bold ? "b\u0000" : "r\u0000") + name, k -> {
            measure.setFont(bold ? Font.font(regular.getFamily(), FontWeight.BOLD, regular.getSize()) : regular);
            if (width(name) <= room) {
                return name;
            }
            int low = 0;
            int high = name.length();
            while (low < high) {
                int mid = (low + high + 1) / 2;
                if (width(name.substring(0, mid) + "…") <= room) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return name.substring(0, low) + "…";
        });
    }

    private double width(String text) {
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }

    // ----------------------------------------------------------------------------------------------- input

    private void hoverCells(MouseEvent e) {
        int row = rowAt(e.getY());
        int column = columnAt(e.getX());
        boolean inside = row >= 0 && column >= 0;
        hover(inside ? row : -1, inside ? column : -1);
        tip(cells, cellTip, inside ? model.get().describe(row, column) : "");
    }

    private void hover(int row, int column) {
        if (row != hoverRow || column != hoverColumn) {
            hoverRow = row;
            hoverColumn = column;
            redraw();
        }
    }

    private void click(MouseEvent e) {
        requestFocus();
        int row = rowAt(e.getY());
        int column = columnAt(e.getX());
        if (row >= 0 && column >= 0) {
            onCellClicked.accept(new GridCell(row, column));
        }
    }

    private void scroll(ScrollEvent e) {
        // Shift turns the wheel sideways on platforms that do not do it themselves.
        double dx = e.isShiftDown() && e.getDeltaX() == 0 ? e.getDeltaY() : e.getDeltaX();
        double dy = e.isShiftDown() && e.getDeltaX() == 0 ? 0 : e.getDeltaY();
        horizontal.setValue(clamp(horizontal.getValue() - dx, horizontal));
        vertical.setValue(clamp(vertical.getValue() - dy, vertical));
        e.consume();
    }

    /** Arrow keys move the selection, which the view-model then explains. */
    private void key(KeyEvent e) {
        GridCell at = selection.get().orElse(new GridCell(0, 0));
        GridCell next = switch (e.getCode()) {
            case UP -> new GridCell(at.row() - 1, at.column());
            case DOWN -> new GridCell(at.row() + 1, at.column());
            case LEFT -> new GridCell(at.row(), at.column() - 1);
            case RIGHT -> new GridCell(at.row(), at.column() + 1);
            default -> null;
        };
        if (next != null) {
            GridModel m = model.get();
            if (next.row() >= 0 && next.column() >= 0 && next.row() < m.rowCount() && next.column() < m.columnCount()) {
                onCellClicked.accept(next);
            }
            e.consume();
        }
    }

    private int rowAt(double y) {
        int row = (int) Math.floor((y + scrollY()) / cellSize());
        return y < 0 || row >= model.get().rowCount() ? -1 : row;
    }

    private int columnAt(double x) {
        int column = (int) Math.floor((x + scrollX()) / cellSize());
        return x < 0 || column >= model.get().columnCount() ? -1 : column;
    }

    /** Whole pixels, so cell edges stay sharp at any scroll position. */
    private double scrollX() {
        return Math.floor(horizontal.getValue());
    }

    private double scrollY() {
        return Math.floor(vertical.getValue());
    }

    private static double scrolledInto(double offset, double start, double size, double viewport) {
        if (start < offset) {
            return start;
        }
        return start + size > offset + viewport ? start + size - viewport : offset;
    }

    private static double clamp(double value, ScrollBar bar) {
        return Math.max(bar.getMin(), Math.min(bar.getMax(), value));
    }

    private static Tooltip tooltip() {
        Tooltip tip = new Tooltip();
        tip.setShowDelay(Duration.millis(400));
        tip.getStyleClass().add("matrix-tooltip");
        return tip;
    }

    /** Shows {@code text} as the node's tooltip; no text, no tooltip (an empty one would still pop up). */
    private void tip(javafx.scene.Node node, Tooltip tip, String text) {
        boolean on = installed.getOrDefault(tip, false);
        if (text.isEmpty()) {
            if (on) {
                Tooltip.uninstall(node, tip);
                installed.put(tip, false);
            }
            return;
        }
        if (!text.equals(tip.getText())) {
            tip.setText(text);
        }
        if (!on) {
            Tooltip.install(node, tip);
            installed.put(tip, true);
        }
    }

    // ------------------------------------------------------------------------------------------------- CSS

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return getClassCssMetaData();
    }
}

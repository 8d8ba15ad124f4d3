package org.infopro.cli.analysis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.infopro.cli.analysis.InformationProbes.LayerEstimate;
import org.infopro.core.io.AtomicFiles;
import org.infopro.core.io.Json;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes the probes of several trained networks: {@code analysis.json}, {@code analysis.md} (one
 * method × layer table per estimate) and {@code information.png}, the three curves against the
 * layer index side by side, as the paper's Figure 2/3.
 */
public final class ProbeReport {

    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 420;

    /** Shades per method family, so that a family keeps its hue whatever else is plotted. */
    private static final Map<String, Color[]> FAMILIES =
            Map.of(
                    "greedy",
                    new Color[] {new Color(0x9ecae1), new Color(0x4292c6), new Color(0x08519c)},
                    "infopro",
                    new Color[] {new Color(0xfc9272), new Color(0xef3b2c), new Color(0x99000d)},
                    "dgl",
                    new Color[] {new Color(0xa1d99b), new Color(0x41ab5d), new Color(0x006d2c)});

    private final Map<String, List<LayerEstimate>> byMethod = new LinkedHashMap<>();

    /** Adds (or replaces) one network's estimates under a label such as {@code greedy K=4}. */
    public void add(String label, List<LayerEstimate> estimates) {
        byMethod.put(label, estimates);
    }

    /** Whether a label is already in the report. */
    public boolean has(String label) {
        return byMethod.containsKey(label);
    }

    /** The networks' labels, in the order they were added. */
    public List<String> labels() {
        return List.copyOf(byMethod.keySet());
    }

    /** The estimates of one label, or an empty list. */
    public List<LayerEstimate> estimates(String label) {
        return byMethod.getOrDefault(label, List.of());
    }

    /**
     * The layer-by-layer mean of several reports of the same networks, e.g. of analyses run with
     * different seeds: single probes vary by a few points, their mean less.
     *
     * @param sources the folders the reports were read from, named in errors
     * @throws IllegalArgumentException if a report lacks a network or layer of the first
     */
    public static ProbeReport mean(List<ProbeReport> reports, List<Path> sources) {
        ProbeReport first = reports.get(0);
        ProbeReport mean = new ProbeReport();
        first.byMethod.forEach(
                (label, estimates) -> {
                    List<LayerEstimate> averaged = new ArrayList<>();
                    for (int i = 0; i < estimates.size(); i++) {
                        averaged.add(meanAt(label, i, estimates.get(i), reports, sources));
                    }
                    mean.add(label, averaged);
                });
        return mean;
    }

    private static LayerEstimate meanAt(
            String label,
            int index,
            LayerEstimate reference,
            List<ProbeReport> reports,
            List<Path> sources) {
        double linear = 0;
        double x = 0;
        double y = 0;
        for (int r = 0; r < reports.size(); r++) {
            List<LayerEstimate> estimates = reports.get(r).estimates(label);
            if (estimates.size() <= index || estimates.get(index).layer() != reference.layer()) {
                throw new IllegalArgumentException(
                        sources.get(r)
                                + " has no layer "
                                + reference.layer()
                                + " of '"
                                + label
                                + "' at position "
                                + (index + 1)
                                + ": average reports of the same networks and layers");
            }
            linear += estimates.get(index).linearError();
            x += estimates.get(index).informationX();
            y += estimates.get(index).informationY();
        }
        int n = reports.size();
        return new LayerEstimate(reference.layer(), reference.block(), linear / n, x / n, y / n);
    }

    /** Reads a report written before, so that an interrupted analysis resumes. */
    public static ProbeReport read(Path dir) throws IOException {
        ProbeReport report = new ProbeReport();
        Path json = dir.resolve("analysis.json");
        if (Files.exists(json)) {
            Map<String, LayerEstimate[]> saved =
                    Json.GSON.fromJson(
                            Files.readString(json),
                            new com.google.gson.reflect.TypeToken<
                                    Map<String, LayerEstimate[]>>() {}.getType());
            saved.forEach((label, estimates) -> report.add(label, List.of(estimates)));
        }
        return report;
    }

    /** Writes the three files into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("analysis.json"), Json.GSON.toJson(byMethod));
        StringBuilder md = new StringBuilder("# Information probes per layer\n\n");
        table(md, "Linear separability: test error (%)", LayerEstimate::linearError, "%.1f");
        table(md, "I(h, x) estimate: 1 − decoder test BCE", LayerEstimate::informationX, "%.3f");
        table(
                md,
                "I(h, y) estimate: classifier test accuracy",
                LayerEstimate::informationY,
                "%.3f");
        AtomicFiles.writeString(dir.resolve("analysis.md"), md.toString());
        BufferedImage image =
                new BufferedImage(3 * PANEL_WIDTH, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        chart("linear separability (test error %)", LayerEstimate::linearError)
                .draw(g, new java.awt.Rectangle(0, 0, PANEL_WIDTH, PANEL_HEIGHT));
        chart("I(h, x) estimate", LayerEstimate::informationX)
                .draw(g, new java.awt.Rectangle(PANEL_WIDTH, 0, PANEL_WIDTH, PANEL_HEIGHT));
        chart("I(h, y) estimate", LayerEstimate::informationY)
                .draw(g, new java.awt.Rectangle(2 * PANEL_WIDTH, 0, PANEL_WIDTH, PANEL_HEIGHT));
        g.dispose();
        AtomicFiles.write(
                dir.resolve("information.png"),
                out -> {
                    if (!ImageIO.write(image, "png", out)) {
                        throw new IOException("no PNG writer");
                    }
                });
    }

    private void table(
            StringBuilder md, String title, ToDoubleFunction<LayerEstimate> value, String format) {
        List<LayerEstimate> layers = byMethod.values().iterator().next();
        md.append("## ").append(title).append("\n\n| method |");
        layers.forEach(l -> md.append(" ").append(l.layer()).append(" |"));
        md.append("\n|---|").append("---|".repeat(layers.size())).append('\n');
        byMethod.forEach(
                (label, estimates) -> {
                    md.append("| ").append(label).append(" |");
                    estimates.forEach(
                            e ->
                                    md.append(" ")
                                            .append(String.format(format, value.applyAsDouble(e)))
                                            .append(" |"));
                    md.append('\n');
                });
        md.append('\n');
    }

    /** E2E black; greedy blues, InfoPro reds, DGL greens, darker with each model of the family. */
    private static Color colour(String label, Map<String, Integer> used) {
        String family =
                FAMILIES.keySet().stream().filter(label::startsWith).findFirst().orElse(null);
        if (family == null) {
            return Color.BLACK;
        }
        Color[] shades = FAMILIES.get(family);
        int n = used.merge(family, 1, Integer::sum) - 1;
        return shades[Math.min(n, shades.length - 1)];
    }

    private JFreeChart chart(String axis, ToDoubleFunction<LayerEstimate> value) {
        XYSeriesCollection lines = new XYSeriesCollection();
        byMethod.forEach(
                (label, estimates) -> {
                    XYSeries series = new XYSeries(label);
                    estimates.forEach(e -> series.add(e.layer(), value.applyAsDouble(e)));
                    lines.addSeries(series);
                });
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        axis,
                        "layer index",
                        axis,
                        lines,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setDefaultShapesVisible(true);
        Map<String, Integer> used = new java.util.HashMap<>();
        int i = 0;
        for (String label : byMethod.keySet()) {
            renderer.setSeriesPaint(i, colour(label, used));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            i++;
        }
        return chart;
    }
}

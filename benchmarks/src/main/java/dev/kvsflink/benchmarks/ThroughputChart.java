/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.kvsflink.benchmarks;

import javax.imageio.ImageIO;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bar chart of fragments/s per configuration, grouped by workload, with each workload's physical
 * limit as a dashed line: plain Java2D into a PNG.
 */
final class ThroughputChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;
    private static final int LEFT = 40;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 110;
    private static final Color[] PALETTE = {
        new Color(0x88, 0x88, 0x88),
        new Color(0x4C, 0x78, 0xA8),
        new Color(0xF5, 0x85, 0x18),
        new Color(0x54, 0xA2, 0x4B),
        new Color(0xB7, 0x9A, 0x20),
        new Color(0x9D, 0x75, 0xB5)
    };

    private ThroughputChart() {}

    /** Draws {@code results} and writes them to {@code file} as PNG. */
    static void write(List<RunResult> results, String title, Path file) throws IOException {
        Map<String, List<RunResult>> byWorkload = new LinkedHashMap<>();
        List<String> configurations = new ArrayList<>();
        for (RunResult r : results) {
            byWorkload.computeIfAbsent(r.workload(), w -> new ArrayList<>()).add(r);
            if (!configurations.contains(r.configuration())) {
                configurations.add(r.configuration());
            }
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);

        int plotHeight = HEIGHT - TOP - BOTTOM;
        int groups = Math.max(1, byWorkload.size());
        int panelWidth = (WIDTH - LEFT - RIGHT) / groups;
        int barsPerPanel = byWorkload.values().stream().mapToInt(List::size).max().orElse(1);
        int barWidth = Math.min(60, Math.max(6, (panelWidth - 70) / barsPerPanel));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        drawVertical(g, "fragments/s (each panel has its own scale)", 16, TOP + plotHeight / 2);
        int group = 0;
        for (Map.Entry<String, List<RunResult>> entry : byWorkload.entrySet()) {
            double limit = limitRate(entry.getValue().get(0));
            double scale = limit;
            for (RunResult r : entry.getValue()) {
                scale = Math.max(scale, r.fragmentsPerSecond());
            }
            scale = niceCeiling(scale * 1.1);
            int x0 = LEFT + group * panelWidth + 50;
            int bars = entry.getValue().size();
            drawAxis(g, x0 - 5, plotHeight, bars * barWidth + 10, scale);
            for (int b = 0; b < bars; b++) {
                RunResult r = entry.getValue().get(b);
                int c = configurations.indexOf(r.configuration());
                int h = (int) Math.round(plotHeight * r.fragmentsPerSecond() / scale);
                int x = x0 + b * barWidth;
                g.setColor(r.correct() ? PALETTE[c % PALETTE.length] : Color.RED);
                g.fillRect(x + 1, TOP + plotHeight - h, barWidth - 2, h);
                g.setColor(Color.BLACK);
                String value = String.format(Locale.ROOT, "%,.0f", r.fragmentsPerSecond());
                g.drawString(
                        value,
                        x + (barWidth - g.getFontMetrics().stringWidth(value)) / 2,
                        TOP + plotHeight - h - 4);
            }
            int ly = TOP + plotHeight - (int) Math.round(plotHeight * limit / scale);
            g.setColor(Color.RED);
            g.setStroke(
                    new BasicStroke(
                            1.5f,
                            BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER,
                            10,
                            new float[] {6, 4},
                            0));
            g.drawLine(x0 - 5, ly, x0 + bars * barWidth + 5, ly);
            g.setStroke(new BasicStroke(1));
            g.setColor(Color.BLACK);
            String name = entry.getKey();
            g.drawString(
                    name,
                    x0 + (bars * barWidth - g.getFontMetrics().stringWidth(name)) / 2,
                    TOP + plotHeight + 18);
            group++;
        }

        int lx = LEFT;
        int ly = HEIGHT - 62;
        for (int c = 0; c < configurations.size(); c++) {
            if (lx + 40 + g.getFontMetrics().stringWidth(configurations.get(c)) > WIDTH - RIGHT) {
                lx = LEFT;
                ly += 20;
            }
            g.setColor(PALETTE[c % PALETTE.length]);
            g.fillRect(lx, ly - 10, 14, 12);
            g.setColor(Color.BLACK);
            g.drawString(configurations.get(c), lx + 20, ly);
            lx += 40 + g.getFontMetrics().stringWidth(configurations.get(c));
        }
        lx = LEFT;
        ly += 22;
        g.setColor(Color.RED);
        g.drawLine(lx, ly - 4, lx + 24, ly - 4);
        g.setColor(Color.BLACK);
        g.drawString(
                "physical limit (5 calls/s x 1000 fragments per stream, streams in parallel);"
                        + " a red bar would mean a count that differs from the ground truth",
                lx + 30,
                ly);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** The workload's fragments/s at the physical limit. */
    private static double limitRate(RunResult r) {
        return r.expected() / r.physicalLimitSeconds();
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code value}. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** A y axis at {@code x} from 0 to {@code scale}, with gridlines {@code width} long. */
    private static void drawAxis(Graphics2D g, int x, int plotHeight, int width, double scale) {
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotHeight - (int) (plotHeight * i / 5.0);
            g.setColor(new Color(0xDD, 0xDD, 0xDD));
            g.drawLine(x, y, x + width, y);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%,.0f", scale * i / 5);
            g.drawString(label, x - 4 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.drawLine(x, TOP, x, TOP + plotHeight);
        g.drawLine(x, TOP + plotHeight, x + width, TOP + plotHeight);
    }

    private static void drawVertical(Graphics2D g, String text, int x, int y) {
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2, x, y);
        rotated.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
        rotated.dispose();
    }
}

package org.infopro.classification.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.infopro.classification.ClassificationPlugin;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.model.ActivationProfile;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.MemoryBalancedPlanner;
import org.infopro.core.model.SplitPlan;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.network.ActivationProfiler;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.LambdaSchedule;
import org.infopro.core.objective.LocalObjective;
import org.infopro.core.spi.CoreObjectives;
import org.infopro.core.spi.ObjectiveProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * InfoPro* on ResNet-110 (CIFAR, 32×32): the measured profile and the splits the planner chooses,
 * compared with the paper's table (INFOPRO.md §3.2: K=2 ends module 1 after stage1.block14).
 */
class InfoProStarPlannerTest {

    private static final FeatureShape CIFAR = new FeatureShape(3, 32, 32);
    private static ActivationProfile profile;
    private static Backbone resnet110;

    @BeforeAll
    static void profileResNet110() {
        resnet110 = new CifarResNets().create("resnet110", CIFAR);
        LocalObjective objective =
                new CoreObjectives()
                        .create(
                                "infopro-contrast",
                                new ObjectiveProvider.Settings(
                                        new LambdaSchedule(5, 0.1f, 0, 0), null));
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            TrainingBatch batch =
                    new TrainingBatch(
                            manager.randomNormal(CIFAR.batched(2)),
                            new NDList(manager.create(new long[] {0, 1})),
                            Normalization.uniform(3, 0.5f, 0.5f));
            profile =
                    ActivationProfiler.measure(
                            new CifarResNets().create("resnet110", CIFAR),
                            objective,
                            new ClassificationPlugin(),
                            10,
                            batch);
        }
    }

    @Test
    void blocksAtHigherResolutionCostMore() {
        // stage1 blocks (16×32×32) hold twice the bytes of stage2 blocks (32×16×16), and four
        // times those of stage3 blocks (64×8×8).
        long stage1 = profile.blockBytes()[resnet110.indexOf("stage1.block5")];
        long stage2 = profile.blockBytes()[resnet110.indexOf("stage2.block5")];
        long stage3 = profile.blockBytes()[resnet110.indexOf("stage3.block5")];
        assertEquals(2.0, (double) stage1 / stage2, 0.05);
        assertEquals(2.0, (double) stage2 / stage3, 0.05);
        // Module 1's local head (decoder at full resolution) weighs about as much as a block.
        long head = profile.localHeadBytes()[resnet110.indexOf("stage1.block5")];
        assertEquals(1.0, (double) head / stage1, 0.25);
    }

    @Test
    void plannerFindsThePapersSplits() {
        // K=2 and K=4 are the published InfoPro* tables block for block; K=3 moves one block
        // of stage 2 from module 3 to module 2 ([11, 12, 32] against [11, 11, 33]).
        for (int k : new int[] {2, 4}) {
            assertEquals(
                    SplitPlanner.plan(resnet110, k, SplitPlanner.MEMORY_BALANCED).moduleSizes(),
                    MemoryBalancedPlanner.plan(profile, k).moduleSizes());
        }
        assertEquals(List.of(11, 12, 32), MemoryBalancedPlanner.plan(profile, 3).moduleSizes());
    }

    @Test
    void balancedSplitsStartWithShortHighResolutionModules() {
        for (int k = 2; k <= 4; k++) {
            SplitPlan balanced = MemoryBalancedPlanner.plan(profile, k);
            SplitPlan paper = SplitPlanner.plan(resnet110, k, SplitPlanner.MEMORY_BALANCED);
            SplitPlan even = SplitPlanner.even(resnet110.blocks().size(), k);
            // Optimal under its model: never above the paper's table or the even split.
            assertTrue(profile.peakBytes(balanced) <= profile.peakBytes(paper), paper.toString());
            assertTrue(profile.peakBytes(balanced) < profile.peakBytes(even), even.toString());
            assertTrue(balanced.moduleSizes().get(0) < balanced.moduleSizes().get(k - 1));
        }
    }
}

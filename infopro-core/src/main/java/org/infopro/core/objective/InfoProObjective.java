package org.infopro.core.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.infopro.core.data.TrainingBatch;
import org.infopro.core.loss.Losses;
import org.infopro.core.nn.Scalars;

/**
 * The InfoPro loss of a local module: {@code λ1 · BCE(w(h), restore(x)) + λ2 · task(h)}, where the
 * task term is cross-entropy of a classifier ψ ({@link TaskTerm#SOFTMAX}) or the supervised
 * contrastive loss of an L2-normalised projection φ ({@link TaskTerm#CONTRAST}, τ = 0.07, 128-d).
 *
 * <p>Both nets run even when their weight is 0, as in the reference code: their BN statistics keep
 * moving and their parameters receive a (zero) gradient.
 */
public final class InfoProObjective implements LocalObjective {

    /** The estimator of I(h, y). */
    public enum TaskTerm {
        SOFTMAX("infopro-softmax"),
        CONTRAST("infopro-contrast");

        private final String methodName;

        TaskTerm(String methodName) {
            this.methodName = methodName;
        }

        /** The registry name of the method using this term. */
        public String methodName() {
            return methodName;
        }
    }

    /** SupCon temperature (and base temperature) of the reference code. */
    public static final float TEMPERATURE = 0.07f;

    /** Width of the contrastive projection. */
    public static final int PROJECTION_DIM = 128;

    private final TaskTerm term;
    private final LambdaSchedule lambdas;
    private final AuxConfig config;

    public InfoProObjective(TaskTerm term, LambdaSchedule lambdas, AuxConfig config) {
        this.term = term;
        this.lambdas = lambdas;
        this.config = config;
    }

    /** SupCon's positives are the samples of the same class. */
    @Override
    public boolean needsSampleLabels() {
        return term == TaskTerm.CONTRAST;
    }

    @Override
    public String name() {
        return term.methodName();
    }

    /** The λ schedule in use. */
    public LambdaSchedule lambdas() {
        return lambdas;
    }

    @Override
    public LocalHead newHead(HeadContext context) {
        AuxNetFactory aux = context.auxNets();
        Block decoder = aux.decoder(context.features(), context.image());
        int outputs = term == TaskTerm.SOFTMAX ? context.classes() : PROJECTION_DIM;
        Block taskNet = aux.classifier(context.features(), context.image(), config, outputs);
        return new Head(decoder, taskNet, aux, lambdas.at(context.index(), context.k()));
    }

    private final class Head extends LocalHead {
        private final Block decoder;
        private final Block taskNet;
        private final AuxNetFactory auxNets;
        private final LambdaSchedule.Lambdas weights;

        Head(Block decoder, Block taskNet, AuxNetFactory auxNets, LambdaSchedule.Lambdas weights) {
            this.decoder = addAuxNet("w", decoder);
            this.taskNet = addAuxNet(term == TaskTerm.SOFTMAX ? "psi" : "phi", taskNet);
            this.auxNets = auxNets;
            this.weights = weights;
        }

        @Override
        public LossTerms loss(ParameterStore parameters, NDArray features, TrainingBatch batch) {
            NDArray reconstruction = run(parameters, decoder, features);
            NDArray recon =
                    Scalars.mul(
                            Losses.binaryCrossEntropyWithLogits(
                                    reconstruction, batch.restoredInput()),
                            weights.recon());
            NDArray task =
                    Scalars.mul(
                            taskLoss(run(parameters, taskNet, features), batch), weights.task());
            Map<String, NDArray> parts = new LinkedHashMap<>();
            parts.put("recon", recon);
            parts.put(term == TaskTerm.SOFTMAX ? "ce" : "supcon", task);
            return new LossTerms(recon.add(task), parts);
        }

        private NDArray taskLoss(NDArray output, TrainingBatch batch) {
            if (term == TaskTerm.SOFTMAX) {
                return auxNets.classifierLoss(output, batch);
            }
            NDArray z = auxNets.perSample(output, batch).normalize(2, 1);
            return Losses.supervisedContrastive(
                    z, auxNets.sampleLabels(batch), TEMPERATURE, TEMPERATURE);
        }
    }
}

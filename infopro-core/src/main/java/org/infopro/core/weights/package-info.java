/**
 * PyTorch weights in and out: {@code torch.save} checkpoints and {@code .safetensors} files read
 * into a {@link org.infopro.core.weights.StateDict}, loaded into our blocks by name groups with a
 * report like PyTorch's {@code load_state_dict(strict=False)}, and written back as safetensors.
 */
package org.infopro.core.weights;

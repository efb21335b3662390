"""What the GAN views measure on a ``GANModel``, on fixed sets so values are comparable over a run:
the discriminator's accuracy on real and on fake samples, both losses, where the generator's loss
pushes each fake sample (minus its gradient), and how close the fakes' pixel histogram is to the
real one (the tiny image GAN)."""
from __future__ import annotations

from typing import Any

import numpy as np

from playground.engine.kernel_lock import KERNEL_LOCK

HISTOGRAM_BINS = 16  # pixel values in [0, 1]
LATENT_SEED = 12345  # the fixed latent set every view draws from (GANModel.noise_of's default)


def pixel_histogram(images: np.ndarray, bins: int = HISTOGRAM_BINS) -> np.ndarray:
    """The share of all pixels of ``images`` in each of ``bins`` equal bins of [0, 1] (sums to 1)."""
    counts, _ = np.histogram(np.clip(np.asarray(images, dtype=np.float64), 0.0, 1.0), bins=bins,
                             range=(0.0, 1.0))
    return counts / max(counts.sum(), 1)


def histogram_distance(a: np.ndarray, b: np.ndarray) -> float:
    """L1 distance between the pixel histograms of two image sets (0: the same, 2: disjoint)."""
    return float(np.abs(pixel_histogram(a) - pixel_histogram(b)).sum())


def scores(model, real: np.ndarray, fake: np.ndarray) -> dict[str, float]:
    """D's accuracy on ``real`` (P(real) > 0.5) and on ``fake`` (P(real) < 0.5), D's loss on both
    and G's loss on ``fake``, the discriminator in evaluation mode."""
    loss_type, p = model._loss_type, model.loss_params
    with KERNEL_LOCK:
        s_real, s_fake = model.score(real), model.score(fake)
    prob_real, prob_fake = loss_type.probability(p, s_real), loss_type.probability(p, s_fake)
    return {"d_loss": loss_type.d_loss(p, s_real, s_fake)[0], "g_loss": loss_type.g_loss(p, s_fake)[0],
            "accuracy_real": float(np.mean(prob_real > 0.5)),
            "accuracy_fake": float(np.mean(prob_fake < 0.5))}


def generator_push(model, fake: np.ndarray) -> np.ndarray:
    """Minus the gradient of the generator's loss with respect to each fake sample (float64, the
    shape of ``fake``): the direction the generator's next step moves that sample in. Each row is
    scaled by the batch size, so it does not depend on how many samples are asked about."""
    loss_type, p = model._loss_type, model.loss_params
    x = np.ascontiguousarray(fake, dtype=model.dtype)
    with KERNEL_LOCK:
        acts = {model.junction: x}
        model._forward(model.d_layers, acts, False)
        _, g = loss_type.g_loss(p, acts[model.score_src])
        pending = model._backward(model.d_layers, {model.score_src: g.astype(model.dtype)})
        grad = pending[model.junction].astype(np.float64)
    return -grad * len(x)


def latents(model, n: int) -> np.ndarray:
    """The fixed latent vectors the views draw cell ``i`` (or point ``i``) from."""
    return model.noise_of(n, LATENT_SEED)


def real_samples(data: Any) -> np.ndarray:
    """The real validation samples of a loaded data set (a ``Dataset`` or ``load_data``'s tuple)."""
    return (data[0] if isinstance(data, tuple) else data).x_val


def view_state(model, data: Any, samples: int, arrows: int, real_count: int = 500) -> dict[str, Any]:
    """One snapshot of the GAN for the views: the generated samples of the fixed latent set, the
    scores on real validation samples and those fakes, and the generator's push on the first
    ``arrows`` fakes."""
    real = real_samples(data)[:real_count]
    with KERNEL_LOCK:
        fake = model.generate(latents(model, samples))
    state: dict[str, Any] = {"step": model.d_updates + model.g_updates, "d_updates": model.d_updates,
                             "g_updates": model.g_updates, "fake": fake,
                             **scores(model, real, fake[:real_count])}
    if arrows:
        state["push"] = generator_push(model, fake[:arrows])
    return state

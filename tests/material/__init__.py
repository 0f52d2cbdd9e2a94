"""Evaluation material the project's own generators did not make.

Real photographs shipped inside scikit-image (`skimage.data`: a wooden café table, brick
paving, gravel, grass, a cluttered garage, a photographed printed page, handwritten notes, a
stained tissue slide that reads as floral cloth, …) are the backgrounds, the desks and the
page contents; QR codes and pages are composited onto them with perspective, optics (blur,
defocus, moiré, hotspots), sensor noise and JPEG. The composition is still synthetic — the
photographs are not — and every helper here says which photo each sample came from, so a
figure can be traced back. Shared by tests (a small subset) and benchmarks (the full sets).
"""

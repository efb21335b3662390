#!/usr/bin/env bash
# Dev-only: rebuild the README's screenshots (assets/screenshots/) with `playground shot`, in both
# themes at the common laptop size (1366x768) and at 1920x1080, and in Korean at 1366x768.
#     bash tools/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
out=assets/screenshots
mkdir -p "$out"
for theme in dark light; do
  for size in 1366x768 1920x1080; do
    shot() { python -m playground shot "$1" --view "$2" --train-steps "$3" --theme "$theme" --size "$size" \
               -o "$out/$4_${theme}_${size}.png"; }
    shot spiral editor 0 editor_spiral
    shot spiral training 1500 training_spiral
    shot mnist_lenet training 600 training_lenet
    shot spiral compare 300 compare_spiral
  done
done
ko() { python -m playground shot spiral --view "$1" --train-steps "$2" --theme dark --size 1366x768 --lang ko \
         -o "$out/$1_spiral_ko_1366x768.png"; }
ko editor 0
ko training 1500
ko compare 300
python tools/shot_tour.py "$out/tour_ko_1366x768.png" --lang ko --page 1 --size 1366x768

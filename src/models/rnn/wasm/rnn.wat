;; Kernels of the recurrent layers on the wasm backend (src/models/rnn/wasm/kernels.ts loads them),
;; hand-written WebAssembly with 128-bit SIMD (four float32 lanes). Every address is a byte
;; address in this module's memory; every matrix is row-major float32.
;;
;; gemmNT: the dense product in the BLAS "NT" form, C = A · Bᵀ, A [m, k], B [n, k], C [m, n].
;;   The inner loops take four values of k at a time; a 2 x 4 block of C stays in eight vector
;;   accumulators, so each loaded vector of A is used four times and each of B twice. Leftover
;;   rows and columns are single dot products; k not a multiple of 4 ends in scalar steps.
;; gemmTN: C = Aᵀ · B, A [R, n], B [R, h], C [n, h]: the weight gradients over all time steps,
;;   without transposing the tall operands. Four rows of A and B at a time: each row of C is
;;   loaded and stored once per four rows, with 16 multiply-adds per vector of C.
;; columnSums: s = Σ_r A[r, :] for A [R, n] (a bias gradient).
;; gruForward: the forward pass of a GRU layer over a sequence (the equations of
;;   ../cpu/cells.ts's gruForward, PyTorch's gate order r, z, n), the recurrent product and the
;;   gates of every step, with σ and tanh from a vectorised exp; packed sequences (PyTorch's
;;   pack_padded_sequence) run each step on its active rows only.
(module
  (memory (export "memory") 1)

  ;; exp(x) per lane, after Cephes' expf (Moshier 1989): x = n ln 2 + r with n = round(x / ln 2)
  ;; and |r| <= ln 2 / 2, e^r by a degree-6 polynomial, 2^n written into the exponent bits.
  ;; x is clamped to [-87.3, 88] so that n + 127 stays in 1 ... 254 (relative error ~1e-7).
  (func $exp4 (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $y v128)
    (local.set $x (f32x4.min (f32x4.max (local.get $x) (v128.const f32x4 -87.3 -87.3 -87.3 -87.3))
      (v128.const f32x4 88 88 88 88)))
    (local.set $n (f32x4.nearest
      (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504088896341 1.44269504088896341 1.44269504088896341 1.44269504088896341))))
    ;; r = x - n C1 - n C2, with C1 + C2 = ln 2 (C1 exact in a few bits, Cody and Waite)
    (local.set $r (f32x4.sub
      (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
      (f32x4.mul (local.get $n) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $y (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r))
      (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r))
      (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r))
      (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r))
      (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r))
      (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
    ;; e^r = 1 + r + r² y
    (local.set $y (f32x4.add
      (f32x4.add (f32x4.mul (f32x4.mul (local.get $y) (local.get $r)) (local.get $r)) (local.get $r))
      (v128.const f32x4 1 1 1 1)))
    ;; times 2^n: (n + 127) << 23 is the float 2^n
    (f32x4.mul (local.get $y)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (v128.const i32x4 127 127 127 127))
        (i32.const 23))))

  ;; σ(x) = 1 / (1 + e^-x) per lane.
  (func $sigmoid4 (param $x v128) (result v128)
    (f32x4.div (v128.const f32x4 1 1 1 1)
      (f32x4.add (v128.const f32x4 1 1 1 1) (call $exp4 (f32x4.neg (local.get $x))))))

  ;; tanh(x) = 2 σ(2x) - 1 per lane (absolute error ~1e-7).
  (func $tanh4 (param $x v128) (result v128)
    (f32x4.sub
      (f32x4.mul (v128.const f32x4 2 2 2 2) (call $sigmoid4 (f32x4.add (local.get $x) (local.get $x))))
      (v128.const f32x4 1 1 1 1)))

  ;; The four lanes of v summed.
  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; Σ_p x[p] · y[p] for p < k (x, y byte addresses).
  (func $dot (param $x i32) (param $y i32) (param $k i32) (result f32)
    (local $acc v128) (local $q i32) (local $end4 i32) (local $end i32) (local $s f32)
    (local.set $end (i32.shl (local.get $k) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $end) (i32.const -16)))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $q) (local.get $end4)))
        (local.set $acc
          (f32x4.add (local.get $acc)
            (f32x4.mul
              (v128.load (i32.add (local.get $x) (local.get $q)))
              (v128.load (i32.add (local.get $y) (local.get $q))))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $vec)))
    (local.set $s (call $hsum (local.get $acc)))
    (block $done2
      (loop $tail
        (br_if $done2 (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $s
          (f32.add (local.get $s)
            (f32.mul
              (f32.load (i32.add (local.get $x) (local.get $q)))
              (f32.load (i32.add (local.get $y) (local.get $q))))))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $tail)))
    (local.get $s))

  ;; C = A · Bᵀ (see the header). a, b, c: byte addresses; m, k, n: sizes.
  (func $gemmNT (export "gemmNT")
    (param $a i32) (param $b i32) (param $c i32) (param $m i32) (param $k i32) (param $n i32)
    (local $i i32) (local $j i32) (local $q i32)
    (local $rowA i32) (local $a0 i32) (local $a1 i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $m2 i32) (local $n4 i32) (local $end i32) (local $end4 i32) (local $out i32)
    (local $x0 v128) (local $x1 v128) (local $y v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local $t00 f32) (local $t01 f32) (local $t02 f32) (local $t03 f32)
    (local $t10 f32) (local $t11 f32) (local $t12 f32) (local $t13 f32)
    (local $u0 f32) (local $u1 f32) (local $w f32)
    (local.set $rowA (i32.shl (local.get $k) (i32.const 2)))
    (local.set $end (local.get $rowA))
    (local.set $end4 (i32.and (local.get $end) (i32.const -16)))
    (local.set $m2 (i32.and (local.get $m) (i32.const -2)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (local.set $i (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m2)))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowA))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $rowA)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $n4)))
            (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowA))))
            (local.set $b1 (i32.add (local.get $b0) (local.get $rowA)))
            (local.set $b2 (i32.add (local.get $b1) (local.get $rowA)))
            (local.set $b3 (i32.add (local.get $b2) (local.get $rowA)))
            (local.set $s00 (v128.const i32x4 0 0 0 0)) (local.set $s01 (v128.const i32x4 0 0 0 0))
            (local.set $s02 (v128.const i32x4 0 0 0 0)) (local.set $s03 (v128.const i32x4 0 0 0 0))
            (local.set $s10 (v128.const i32x4 0 0 0 0)) (local.set $s11 (v128.const i32x4 0 0 0 0))
            (local.set $s12 (v128.const i32x4 0 0 0 0)) (local.set $s13 (v128.const i32x4 0 0 0 0))
            (local.set $q (i32.const 0))
            (block $kDone
              (loop $kLoop
                (br_if $kDone (i32.ge_u (local.get $q) (local.get $end4)))
                (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $q))))
                (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $q))))
                (local.set $y (v128.load (i32.add (local.get $b0) (local.get $q))))
                (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x0) (local.get $y))))
                (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x1) (local.get $y))))
                (local.set $y (v128.load (i32.add (local.get $b1) (local.get $q))))
                (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x0) (local.get $y))))
                (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $x1) (local.get $y))))
                (local.set $y (v128.load (i32.add (local.get $b2) (local.get $q))))
                (local.set $s02 (f32x4.add (local.get $s02) (f32x4.mul (local.get $x0) (local.get $y))))
                (local.set $s12 (f32x4.add (local.get $s12) (f32x4.mul (local.get $x1) (local.get $y))))
                (local.set $y (v128.load (i32.add (local.get $b3) (local.get $q))))
                (local.set $s03 (f32x4.add (local.get $s03) (f32x4.mul (local.get $x0) (local.get $y))))
                (local.set $s13 (f32x4.add (local.get $s13) (f32x4.mul (local.get $x1) (local.get $y))))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br $kLoop)))
            (local.set $t00 (call $hsum (local.get $s00))) (local.set $t01 (call $hsum (local.get $s01)))
            (local.set $t02 (call $hsum (local.get $s02))) (local.set $t03 (call $hsum (local.get $s03)))
            (local.set $t10 (call $hsum (local.get $s10))) (local.set $t11 (call $hsum (local.get $s11)))
            (local.set $t12 (call $hsum (local.get $s12))) (local.set $t13 (call $hsum (local.get $s13)))
            ;; k mod 4 leftover products, one at a time.
            (block $tailDone
              (loop $tail
                (br_if $tailDone (i32.ge_u (local.get $q) (local.get $end)))
                (local.set $u0 (f32.load (i32.add (local.get $a0) (local.get $q))))
                (local.set $u1 (f32.load (i32.add (local.get $a1) (local.get $q))))
                (local.set $w (f32.load (i32.add (local.get $b0) (local.get $q))))
                (local.set $t00 (f32.add (local.get $t00) (f32.mul (local.get $u0) (local.get $w))))
                (local.set $t10 (f32.add (local.get $t10) (f32.mul (local.get $u1) (local.get $w))))
                (local.set $w (f32.load (i32.add (local.get $b1) (local.get $q))))
                (local.set $t01 (f32.add (local.get $t01) (f32.mul (local.get $u0) (local.get $w))))
                (local.set $t11 (f32.add (local.get $t11) (f32.mul (local.get $u1) (local.get $w))))
                (local.set $w (f32.load (i32.add (local.get $b2) (local.get $q))))
                (local.set $t02 (f32.add (local.get $t02) (f32.mul (local.get $u0) (local.get $w))))
                (local.set $t12 (f32.add (local.get $t12) (f32.mul (local.get $u1) (local.get $w))))
                (local.set $w (f32.load (i32.add (local.get $b3) (local.get $q))))
                (local.set $t03 (f32.add (local.get $t03) (f32.mul (local.get $u0) (local.get $w))))
                (local.set $t13 (f32.add (local.get $t13) (f32.mul (local.get $u1) (local.get $w))))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (br $tail)))
            ;; out = &C[i, j]
            (local.set $out (i32.add (local.get $c)
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
            (f32.store offset=0 (local.get $out) (local.get $t00))
            (f32.store offset=4 (local.get $out) (local.get $t01))
            (f32.store offset=8 (local.get $out) (local.get $t02))
            (f32.store offset=12 (local.get $out) (local.get $t03))
            (local.set $out (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
            (f32.store offset=0 (local.get $out) (local.get $t10))
            (f32.store offset=4 (local.get $out) (local.get $t11))
            (f32.store offset=8 (local.get $out) (local.get $t12))
            (f32.store offset=12 (local.get $out) (local.get $t13))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $cols)))
        ;; Columns n4 ... n-1 of rows i and i+1.
        (block $edgeDone
          (loop $edge
            (br_if $edgeDone (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowA))))
            (local.set $out (i32.add (local.get $c)
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
            (f32.store (local.get $out) (call $dot (local.get $a0) (local.get $b0) (local.get $k)))
            (f32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2)))
              (call $dot (local.get $a1) (local.get $b0) (local.get $k)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $edge)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows)))
    ;; The last row when m is odd.
    (block $lastDone
      (br_if $lastDone (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowA))))
      (local.set $j (i32.const 0))
      (loop $last
        (br_if $lastDone (i32.ge_u (local.get $j) (local.get $n)))
        (f32.store
          (i32.add (local.get $c)
            (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
          (call $dot (local.get $a0)
            (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowA))) (local.get $k)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $last))))

  ;; GRU forward over T steps, batch B, hidden size H (a multiple of 4), N = 3H:
  ;;   hp = h_{t-1} W_hhᵀ + b_hh; r = σ(xp_r + hp_r); z = σ(xp_z + hp_z);
  ;;   n = tanh(xp_n + r hp_n); h_t = n + z (h_{t-1} - n).
  ;; wHh [N, H]; bHh [N]; acts [T*B, N]: the input projections xp (+ b_ih), overwritten with
  ;; r, z, n; states [(T+1)*B, H]: h_0 in the first B rows, h_t written to rows (t+1)B ...;
  ;; hn [T*B, H]: hp_n saved for the backward pass; hp [B, N]: scratch.
  ;; counts [T] (i32): step t runs on rows 0 ... counts[t]-1 only (rows sorted by length, longest
  ;; first); rows counts[t] ... B-1 carry their state to step t+1 unchanged, and their rows of
  ;; acts and hn are left as they were.
  (func (export "gruForward")
    (param $wHh i32) (param $bHh i32) (param $acts i32) (param $states i32) (param $hn i32)
    (param $hp i32) (param $T i32) (param $B i32) (param $H i32) (param $counts i32)
    (local $t i32) (local $b i32) (local $j i32) (local $bt i32)
    (local $N i32) (local $rowH i32) (local $rowN i32) (local $hB i32)
    (local $hPrev i32) (local $z i32) (local $y i32) (local $q i32) (local $bias i32)
    (local $r v128) (local $u v128) (local $n v128) (local $hpn v128) (local $hv v128)
    (local.set $N (i32.mul (local.get $H) (i32.const 3)))
    (local.set $rowH (i32.shl (local.get $H) (i32.const 2)))
    (local.set $rowN (i32.shl (local.get $N) (i32.const 2)))
    (local.set $hB (i32.mul (local.get $B) (local.get $rowH)))
    (local.set $t (i32.const 0))
    (block $tDone
      (loop $tLoop
        (br_if $tDone (i32.ge_u (local.get $t) (local.get $T)))
        ;; h_{t-1}: rows tB ... of states; bt: the rows active at this step
        (local.set $hPrev (i32.add (local.get $states) (i32.mul (local.get $t) (local.get $hB))))
        (local.set $bt (i32.load (i32.add (local.get $counts) (i32.shl (local.get $t) (i32.const 2)))))
        (call $gemmNT (local.get $hPrev) (local.get $wHh) (local.get $hp)
          (local.get $bt) (local.get $H) (local.get $N))
        ;; rows bt ... B-1 keep their state: h_t = h_{t-1}
        (memory.copy
          (i32.add (i32.add (local.get $hPrev) (local.get $hB)) (i32.mul (local.get $bt) (local.get $rowH)))
          (i32.add (local.get $hPrev) (i32.mul (local.get $bt) (local.get $rowH)))
          (i32.mul (i32.sub (local.get $B) (local.get $bt)) (local.get $rowH)))
        (local.set $b (i32.const 0))
        (block $bDone
          (loop $bLoop
            (br_if $bDone (i32.ge_u (local.get $b) (local.get $bt)))
            ;; z: row tB + b of acts; y: row b of hp; q: row b of h_{t-1} (and of hn at step t)
            (local.set $z (i32.add (local.get $acts)
              (i32.mul (i32.add (i32.mul (local.get $t) (local.get $B)) (local.get $b)) (local.get $rowN))))
            (local.set $y (i32.add (local.get $hp) (i32.mul (local.get $b) (local.get $rowN))))
            (local.set $q (i32.add (local.get $hPrev) (i32.mul (local.get $b) (local.get $rowH))))
            (local.set $j (i32.const 0))
            (block $jDone
              (loop $jLoop
                (br_if $jDone (i32.ge_u (local.get $j) (local.get $rowH)))
                (local.set $bias (i32.add (local.get $bHh) (local.get $j)))
                (local.set $r (call $sigmoid4 (f32x4.add (v128.load (i32.add (local.get $z) (local.get $j)))
                  (f32x4.add (v128.load (i32.add (local.get $y) (local.get $j))) (v128.load (local.get $bias))))))
                (v128.store (i32.add (local.get $z) (local.get $j)) (local.get $r))
                (local.set $z (i32.add (local.get $z) (local.get $rowH)))
                (local.set $y (i32.add (local.get $y) (local.get $rowH)))
                (local.set $bias (i32.add (local.get $bias) (local.get $rowH)))
                (local.set $u (call $sigmoid4 (f32x4.add (v128.load (i32.add (local.get $z) (local.get $j)))
                  (f32x4.add (v128.load (i32.add (local.get $y) (local.get $j))) (v128.load (local.get $bias))))))
                (v128.store (i32.add (local.get $z) (local.get $j)) (local.get $u))
                (local.set $z (i32.add (local.get $z) (local.get $rowH)))
                (local.set $y (i32.add (local.get $y) (local.get $rowH)))
                (local.set $bias (i32.add (local.get $bias) (local.get $rowH)))
                (local.set $hpn (f32x4.add (v128.load (i32.add (local.get $y) (local.get $j))) (v128.load (local.get $bias))))
                ;; hn at row tB + b: the same offset from hn as q - states - B rows
                (v128.store (i32.add (i32.add (local.get $hn) (i32.sub (local.get $q) (local.get $states))) (local.get $j))
                  (local.get $hpn))
                (local.set $n (call $tanh4 (f32x4.add (v128.load (i32.add (local.get $z) (local.get $j)))
                  (f32x4.mul (local.get $r) (local.get $hpn)))))
                (v128.store (i32.add (local.get $z) (local.get $j)) (local.get $n))
                (local.set $z (i32.sub (local.get $z) (i32.shl (local.get $rowH) (i32.const 1))))
                (local.set $y (i32.sub (local.get $y) (i32.shl (local.get $rowH) (i32.const 1))))
                (local.set $hv (v128.load (i32.add (local.get $q) (local.get $j))))
                ;; h_t = n + z (h_{t-1} - n), into the same row one step (B rows) later
                (v128.store (i32.add (i32.add (local.get $q) (local.get $hB)) (local.get $j))
                  (f32x4.add (local.get $n) (f32x4.mul (local.get $u) (f32x4.sub (local.get $hv) (local.get $n)))))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $jLoop)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $bLoop)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $tLoop))))

  ;; C = Aᵀ · B (see the header). a, b, c: byte addresses; R rows; n, h: columns of A and B.
  (func (export "gemmTN")
    (param $a i32) (param $b i32) (param $c i32) (param $R i32) (param $n i32) (param $h i32)
    (local $r i32) (local $i i32) (local $q i32) (local $R4 i32)
    (local $rowA i32) (local $rowB i32) (local $h4 i32) (local $hb i32)
    (local $pa i32) (local $pb i32) (local $pc i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $s0 f32) (local $s1 f32) (local $s2 f32) (local $s3 f32) (local $acc f32)
    (local.set $rowA (i32.shl (local.get $n) (i32.const 2)))
    (local.set $rowB (i32.shl (local.get $h) (i32.const 2)))
    (local.set $hb (local.get $rowB))
    (local.set $h4 (i32.and (local.get $hb) (i32.const -16)))
    (local.set $R4 (i32.and (local.get $R) (i32.const -4)))
    (memory.fill (local.get $c) (i32.const 0) (i32.mul (local.get $n) (local.get $rowB)))
    (local.set $r (i32.const 0))
    (block $rDone
      (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $R)))
        (local.set $i (i32.const 0))
        (block $iDone
          (loop $iLoop
            (br_if $iDone (i32.ge_u (local.get $i) (local.get $n)))
            ;; A[r .. r+3, i] (fewer on the last rows), B rows r .. r+3, C row i
            (local.set $pa (i32.add (local.get $a)
              (i32.add (i32.mul (local.get $r) (local.get $rowA)) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $r) (local.get $rowB))))
            (local.set $pc (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $rowB))))
            (if (i32.lt_u (local.get $r) (local.get $R4))
              (then
                (local.set $s0 (f32.load (local.get $pa)))
                (local.set $s1 (f32.load (i32.add (local.get $pa) (local.get $rowA))))
                (local.set $s2 (f32.load (i32.add (local.get $pa) (i32.shl (local.get $rowA) (i32.const 1)))))
                (local.set $s3 (f32.load (i32.add (local.get $pa) (i32.mul (local.get $rowA) (i32.const 3)))))
                (local.set $a0 (f32x4.splat (local.get $s0)))
                (local.set $a1 (f32x4.splat (local.get $s1)))
                (local.set $a2 (f32x4.splat (local.get $s2)))
                (local.set $a3 (f32x4.splat (local.get $s3)))
                (local.set $q (i32.const 0))
                (block $jDone
                  (loop $jLoop
                    (br_if $jDone (i32.ge_u (local.get $q) (local.get $h4)))
                    (v128.store (i32.add (local.get $pc) (local.get $q))
                      (f32x4.add (v128.load (i32.add (local.get $pc) (local.get $q)))
                        (f32x4.add
                          (f32x4.add
                            (f32x4.mul (local.get $a0) (v128.load (i32.add (local.get $pb) (local.get $q))))
                            (f32x4.mul (local.get $a1)
                              (v128.load (i32.add (i32.add (local.get $pb) (local.get $rowB)) (local.get $q)))))
                          (f32x4.add
                            (f32x4.mul (local.get $a2)
                              (v128.load (i32.add (i32.add (local.get $pb) (i32.shl (local.get $rowB) (i32.const 1))) (local.get $q))))
                            (f32x4.mul (local.get $a3)
                              (v128.load (i32.add (i32.add (local.get $pb) (i32.mul (local.get $rowB) (i32.const 3))) (local.get $q))))))))
                    (local.set $q (i32.add (local.get $q) (i32.const 16)))
                    (br $jLoop)))
                (block $tDone
                  (loop $tLoop
                    (br_if $tDone (i32.ge_u (local.get $q) (local.get $hb)))
                    (local.set $acc (f32.load (i32.add (local.get $pc) (local.get $q))))
                    (local.set $acc (f32.add (local.get $acc)
                      (f32.add
                        (f32.add
                          (f32.mul (local.get $s0) (f32.load (i32.add (local.get $pb) (local.get $q))))
                          (f32.mul (local.get $s1) (f32.load (i32.add (i32.add (local.get $pb) (local.get $rowB)) (local.get $q)))))
                        (f32.add
                          (f32.mul (local.get $s2)
                            (f32.load (i32.add (i32.add (local.get $pb) (i32.shl (local.get $rowB) (i32.const 1))) (local.get $q))))
                          (f32.mul (local.get $s3)
                            (f32.load (i32.add (i32.add (local.get $pb) (i32.mul (local.get $rowB) (i32.const 3))) (local.get $q))))))))
                    (f32.store (i32.add (local.get $pc) (local.get $q)) (local.get $acc))
                    (local.set $q (i32.add (local.get $q) (i32.const 4)))
                    (br $tLoop))))
              (else
                ;; one of the last R mod 4 rows
                (local.set $a0 (f32x4.splat (f32.load (local.get $pa))))
                (local.set $s0 (f32.load (local.get $pa)))
                (local.set $q (i32.const 0))
                (block $j1Done
                  (loop $j1Loop
                    (br_if $j1Done (i32.ge_u (local.get $q) (local.get $h4)))
                    (v128.store (i32.add (local.get $pc) (local.get $q))
                      (f32x4.add (v128.load (i32.add (local.get $pc) (local.get $q)))
                        (f32x4.mul (local.get $a0) (v128.load (i32.add (local.get $pb) (local.get $q))))))
                    (local.set $q (i32.add (local.get $q) (i32.const 16)))
                    (br $j1Loop)))
                (block $t1Done
                  (loop $t1Loop
                    (br_if $t1Done (i32.ge_u (local.get $q) (local.get $hb)))
                    (f32.store (i32.add (local.get $pc) (local.get $q))
                      (f32.add (f32.load (i32.add (local.get $pc) (local.get $q)))
                        (f32.mul (local.get $s0) (f32.load (i32.add (local.get $pb) (local.get $q))))))
                    (local.set $q (i32.add (local.get $q) (i32.const 4)))
                    (br $t1Loop)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $iLoop)))
        (local.set $r (i32.add (local.get $r)
          (select (i32.const 4) (i32.const 1) (i32.lt_u (local.get $r) (local.get $R4)))))
        (br $rLoop))))

  ;; s[j] = Σ_r A[r, j] for A [R, n] (a, s: byte addresses).
  (func (export "columnSums") (param $a i32) (param $s i32) (param $R i32) (param $n i32)
    (local $r i32) (local $q i32) (local $row i32) (local $nb i32) (local $n4 i32)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $n4 (i32.and (local.get $nb) (i32.const -16)))
    (memory.fill (local.get $s) (i32.const 0) (local.get $nb))
    (block $rDone
      (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $R)))
        (local.set $row (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $nb))))
        (local.set $q (i32.const 0))
        (block $jDone
          (loop $jLoop
            (br_if $jDone (i32.ge_u (local.get $q) (local.get $n4)))
            (v128.store (i32.add (local.get $s) (local.get $q))
              (f32x4.add (v128.load (i32.add (local.get $s) (local.get $q)))
                (v128.load (i32.add (local.get $row) (local.get $q)))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $jLoop)))
        (block $tDone
          (loop $tLoop
            (br_if $tDone (i32.ge_u (local.get $q) (local.get $nb)))
            (f32.store (i32.add (local.get $s) (local.get $q))
              (f32.add (f32.load (i32.add (local.get $s) (local.get $q)))
                (f32.load (i32.add (local.get $row) (local.get $q)))))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $tLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rLoop)))))

;; The randomized SVD's hot kernels in WebAssembly with 128-bit SIMD (f64x2), hand-written text
;; assembled by scripts/build-wasm.mjs into kernels.wasm.ts: the CSR x dense product (csrmm), the
;; dense product (gemm), and LU's panel elimination and block copies (luPanel, luBlocks). Every
;; pointer is a byte offset into the one linear memory, which the TypeScript side lays out
;; (src/nlp/decomposition/wasmKernels.ts); matrices are row-major float64, CSR indices int32.
;; Each output entry is computed with the same operations in the same order as by the TypeScript
;; loops (kernels.ts, gemm.ts, lu.ts), and wasm never fuses a multiply and an add, so both paths
;; give the same bits.
(module
  (memory (export "memory") 1)

  ;; Y = A X for CSR A [rows, n] (indptr: rows + 1 int32, indices and data: nnz int32 and
  ;; float64) and X [n, l]: Y [rows, l], zeroed first. Eight stored entries per pass over a row of
  ;; Y (Y += ((((v0 x0 + v1 x1) + v2 x2) + v3 x3) + (((v4 x4 + v5 x5) + v6 x6) + v7 x7)), two
  ;; columns per f64x2), then four, then one; an odd l's last column in scalar f64.
  (func (export "csrmm")
    (param $indptr i32) (param $indices i32) (param $data i32) (param $rows i32)
    (param $x i32) (param $l i32) (param $y i32)
    (local $row8 i32) (local $even8 i32) (local $i i32) (local $yo i32) (local $p i32)
    (local $end i32) (local $t i32) (local $ip i32) (local $dp i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $x4 i32) (local $x5 i32) (local $x6 i32) (local $x7 i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $v4 v128) (local $v5 v128) (local $v6 v128) (local $v7 v128)
    (local.set $row8 (i32.shl (local.get $l) (i32.const 3)))
    (local.set $even8 (i32.shl (i32.and (local.get $l) (i32.const -2)) (i32.const 3)))
    (memory.fill (local.get $y) (i32.const 0) (i32.mul (local.get $rows) (local.get $row8)))
    (local.set $yo (local.get $y))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $ip (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $p (i32.load (local.get $ip)))
        (local.set $end (i32.load offset=4 (local.get $ip)))
        ;; Eight entries at a time.
        (block $done8
          (loop $loop8
            (br_if $done8 (i32.gt_s (i32.add (local.get $p) (i32.const 8)) (local.get $end)))
            (local.set $ip (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
            (local.set $dp (i32.add (local.get $data) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $x0 (i32.add (local.get $x) (i32.mul (i32.load offset=0 (local.get $ip)) (local.get $row8))))
            (local.set $x1 (i32.add (local.get $x) (i32.mul (i32.load offset=4 (local.get $ip)) (local.get $row8))))
            (local.set $x2 (i32.add (local.get $x) (i32.mul (i32.load offset=8 (local.get $ip)) (local.get $row8))))
            (local.set $x3 (i32.add (local.get $x) (i32.mul (i32.load offset=12 (local.get $ip)) (local.get $row8))))
            (local.set $x4 (i32.add (local.get $x) (i32.mul (i32.load offset=16 (local.get $ip)) (local.get $row8))))
            (local.set $x5 (i32.add (local.get $x) (i32.mul (i32.load offset=20 (local.get $ip)) (local.get $row8))))
            (local.set $x6 (i32.add (local.get $x) (i32.mul (i32.load offset=24 (local.get $ip)) (local.get $row8))))
            (local.set $x7 (i32.add (local.get $x) (i32.mul (i32.load offset=28 (local.get $ip)) (local.get $row8))))
            (local.set $v0 (f64x2.splat (f64.load offset=0 (local.get $dp))))
            (local.set $v1 (f64x2.splat (f64.load offset=8 (local.get $dp))))
            (local.set $v2 (f64x2.splat (f64.load offset=16 (local.get $dp))))
            (local.set $v3 (f64x2.splat (f64.load offset=24 (local.get $dp))))
            (local.set $v4 (f64x2.splat (f64.load offset=32 (local.get $dp))))
            (local.set $v5 (f64x2.splat (f64.load offset=40 (local.get $dp))))
            (local.set $v6 (f64x2.splat (f64.load offset=48 (local.get $dp))))
            (local.set $v7 (f64x2.splat (f64.load offset=56 (local.get $dp))))
            (local.set $t (i32.const 0))
            (block $doneT8
              (loop $loopT8
                (br_if $doneT8 (i32.ge_u (local.get $t) (local.get $even8)))
                (v128.store (i32.add (local.get $yo) (local.get $t))
                  (f64x2.add
                    (v128.load (i32.add (local.get $yo) (local.get $t)))
                    (f64x2.add
                      (f64x2.add
                        (f64x2.add
                          (f64x2.add
                            (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $x0) (local.get $t))))
                            (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $x1) (local.get $t)))))
                          (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $x2) (local.get $t)))))
                        (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $x3) (local.get $t)))))
                      (f64x2.add
                        (f64x2.add
                          (f64x2.add
                            (f64x2.mul (local.get $v4) (v128.load (i32.add (local.get $x4) (local.get $t))))
                            (f64x2.mul (local.get $v5) (v128.load (i32.add (local.get $x5) (local.get $t)))))
                          (f64x2.mul (local.get $v6) (v128.load (i32.add (local.get $x6) (local.get $t)))))
                        (f64x2.mul (local.get $v7) (v128.load (i32.add (local.get $x7) (local.get $t))))))))
                (local.set $t (i32.add (local.get $t) (i32.const 16)))
                (br $loopT8)))
            (if (i32.and (local.get $l) (i32.const 1))
              (then
                (f64.store (i32.add (local.get $yo) (local.get $t))
                  (f64.add
                    (f64.load (i32.add (local.get $yo) (local.get $t)))
                    (f64.add
                      (f64.add
                        (f64.add
                          (f64.add
                            (f64.mul (f64x2.extract_lane 0 (local.get $v0)) (f64.load (i32.add (local.get $x0) (local.get $t))))
                            (f64.mul (f64x2.extract_lane 0 (local.get $v1)) (f64.load (i32.add (local.get $x1) (local.get $t)))))
                          (f64.mul (f64x2.extract_lane 0 (local.get $v2)) (f64.load (i32.add (local.get $x2) (local.get $t)))))
                        (f64.mul (f64x2.extract_lane 0 (local.get $v3)) (f64.load (i32.add (local.get $x3) (local.get $t)))))
                      (f64.add
                        (f64.add
                          (f64.add
                            (f64.mul (f64x2.extract_lane 0 (local.get $v4)) (f64.load (i32.add (local.get $x4) (local.get $t))))
                            (f64.mul (f64x2.extract_lane 0 (local.get $v5)) (f64.load (i32.add (local.get $x5) (local.get $t)))))
                          (f64.mul (f64x2.extract_lane 0 (local.get $v6)) (f64.load (i32.add (local.get $x6) (local.get $t)))))
                        (f64.mul (f64x2.extract_lane 0 (local.get $v7)) (f64.load (i32.add (local.get $x7) (local.get $t))))))))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $loop8)))
        ;; Four entries at a time.
        (block $done4
          (loop $loop4
            (br_if $done4 (i32.gt_s (i32.add (local.get $p) (i32.const 4)) (local.get $end)))
            (local.set $ip (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
            (local.set $dp (i32.add (local.get $data) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $x0 (i32.add (local.get $x) (i32.mul (i32.load offset=0 (local.get $ip)) (local.get $row8))))
            (local.set $x1 (i32.add (local.get $x) (i32.mul (i32.load offset=4 (local.get $ip)) (local.get $row8))))
            (local.set $x2 (i32.add (local.get $x) (i32.mul (i32.load offset=8 (local.get $ip)) (local.get $row8))))
            (local.set $x3 (i32.add (local.get $x) (i32.mul (i32.load offset=12 (local.get $ip)) (local.get $row8))))
            (local.set $v0 (f64x2.splat (f64.load offset=0 (local.get $dp))))
            (local.set $v1 (f64x2.splat (f64.load offset=8 (local.get $dp))))
            (local.set $v2 (f64x2.splat (f64.load offset=16 (local.get $dp))))
            (local.set $v3 (f64x2.splat (f64.load offset=24 (local.get $dp))))
            (local.set $t (i32.const 0))
            (block $doneT4
              (loop $loopT4
                (br_if $doneT4 (i32.ge_u (local.get $t) (local.get $even8)))
                (v128.store (i32.add (local.get $yo) (local.get $t))
                  (f64x2.add
                    (v128.load (i32.add (local.get $yo) (local.get $t)))
                    (f64x2.add
                      (f64x2.add
                        (f64x2.add
                          (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $x0) (local.get $t))))
                          (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $x1) (local.get $t)))))
                        (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $x2) (local.get $t)))))
                      (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $x3) (local.get $t)))))))
                (local.set $t (i32.add (local.get $t) (i32.const 16)))
                (br $loopT4)))
            (if (i32.and (local.get $l) (i32.const 1))
              (then
                (f64.store (i32.add (local.get $yo) (local.get $t))
                  (f64.add
                    (f64.load (i32.add (local.get $yo) (local.get $t)))
                    (f64.add
                      (f64.add
                        (f64.add
                          (f64.mul (f64x2.extract_lane 0 (local.get $v0)) (f64.load (i32.add (local.get $x0) (local.get $t))))
                          (f64.mul (f64x2.extract_lane 0 (local.get $v1)) (f64.load (i32.add (local.get $x1) (local.get $t)))))
                        (f64.mul (f64x2.extract_lane 0 (local.get $v2)) (f64.load (i32.add (local.get $x2) (local.get $t)))))
                      (f64.mul (f64x2.extract_lane 0 (local.get $v3)) (f64.load (i32.add (local.get $x3) (local.get $t)))))))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $loop4)))
        ;; One entry at a time.
        (block $done1
          (loop $loop1
            (br_if $done1 (i32.ge_s (local.get $p) (local.get $end)))
            (local.set $x0 (i32.add (local.get $x)
              (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2)))) (local.get $row8))))
            (local.set $v0 (f64x2.splat (f64.load (i32.add (local.get $data) (i32.shl (local.get $p) (i32.const 3))))))
            (local.set $t (i32.const 0))
            (block $doneT1
              (loop $loopT1
                (br_if $doneT1 (i32.ge_u (local.get $t) (local.get $even8)))
                (v128.store (i32.add (local.get $yo) (local.get $t))
                  (f64x2.add
                    (v128.load (i32.add (local.get $yo) (local.get $t)))
                    (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $x0) (local.get $t))))))
                (local.set $t (i32.add (local.get $t) (i32.const 16)))
                (br $loopT1)))
            (if (i32.and (local.get $l) (i32.const 1))
              (then
                (f64.store (i32.add (local.get $yo) (local.get $t))
                  (f64.add
                    (f64.load (i32.add (local.get $yo) (local.get $t)))
                    (f64.mul (f64x2.extract_lane 0 (local.get $v0)) (f64.load (i32.add (local.get $x0) (local.get $t))))))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $loop1)))
        (local.set $yo (i32.add (local.get $yo) (local.get $row8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowLoop))))

  ;; C += A B (C -= A B when $sub) for row-major blocks A [m, k], B [k, n], C [m, n] at byte
  ;; offsets a, b, c with row strides lda, ldb, ldc (in elements); A's column stride is acs
  ;; (1, or lda of a row-major matrix whose transpose is A: then lda is 1). 4 x 4 tiles of C held in eight
  ;; f64x2 registers (per step of the summed index: 4 loads of A, 2 f64x2 loads of B, 8 f64x2
  ;; multiply-adds); C's last rows in 1 x 4 tiles, its last n % 4 columns in scalar f64.
  ;; $cupper: only tiles on or above the diagonal (m = n; entries below it in those tiles are
  ;; updated as well). $bupper: B is upper triangular, and its rows t >= j + 4 are skipped for the
  ;; tile at column j (j + 1 for a single column): its entries below the diagonal within a 4 x 4
  ;; diagonal block are read and must be 0.
  (func (export "gemm")
    (param $m i32) (param $n i32) (param $k i32) (param $a i32) (param $lda i32)
    (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32)
    (param $sub i32) (param $cupper i32) (param $bupper i32) (param $acs i32)
    (local $i i32) (local $j i32) (local $ta i32) (local $ao i32) (local $bend i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $bo i32) (local $tend i32) (local $k8 i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $b01 v128) (local $b23 v128) (local $xv v128)
    (local $f0 f64) (local $f1 f64) (local $f2 f64) (local $f3 f64) (local $bf f64)
    (local.set $lda (i32.shl (local.get $lda) (i32.const 3)))
    (local.set $ldb (i32.shl (local.get $ldb) (i32.const 3)))
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $acs (i32.shl (local.get $acs) (i32.const 3)))
    (local.set $k8 (i32.shl (local.get $k) (i32.const 3)))
    ;; Four rows of C at a time.
    (block $rows4Done
      (loop $rows4
        (br_if $rows4Done (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $lda))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $lda)))
        (local.set $a2 (i32.add (local.get $a1) (local.get $lda)))
        (local.set $a3 (i32.add (local.get $a2) (local.get $lda)))
        (local.set $c0 (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))))
        (local.set $c1 (i32.add (local.get $c0) (local.get $ldc)))
        (local.set $c2 (i32.add (local.get $c1) (local.get $ldc)))
        (local.set $c3 (i32.add (local.get $c2) (local.get $ldc)))
        (local.set $j (select (local.get $i) (i32.const 0) (local.get $cupper)))
        (block $cols4Done
          (loop $cols4
            (br_if $cols4Done (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
            (local.set $tend (local.get $k8))
            (if (local.get $bupper)
              (then
                (if (i32.lt_s (i32.add (local.get $j) (i32.const 4)) (local.get $k))
                  (then (local.set $tend (i32.shl (i32.add (local.get $j) (i32.const 4)) (i32.const 3)))))))
            (local.set $s00 (v128.const f64x2 0 0))
            (local.set $s01 (v128.const f64x2 0 0))
            (local.set $s10 (v128.const f64x2 0 0))
            (local.set $s11 (v128.const f64x2 0 0))
            (local.set $s20 (v128.const f64x2 0 0))
            (local.set $s21 (v128.const f64x2 0 0))
            (local.set $s30 (v128.const f64x2 0 0))
            (local.set $s31 (v128.const f64x2 0 0))
            (local.set $bo (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $bend (i32.add (local.get $bo)
              (i32.mul (i32.shr_u (local.get $tend) (i32.const 3)) (local.get $ldb))))
            (local.set $p0 (local.get $a0))
            (local.set $p1 (local.get $a1))
            (local.set $p2 (local.get $a2))
            (local.set $p3 (local.get $a3))
            (block $tDone
              (loop $tLoop
                (br_if $tDone (i32.ge_u (local.get $bo) (local.get $bend)))
                (local.set $b01 (v128.load (local.get $bo)))
                (local.set $b23 (v128.load offset=16 (local.get $bo)))
                (local.set $xv (f64x2.splat (f64.load (local.get $p0))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $xv) (local.get $b01))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $xv) (local.get $b23))))
                (local.set $xv (f64x2.splat (f64.load (local.get $p1))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $xv) (local.get $b01))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $xv) (local.get $b23))))
                (local.set $xv (f64x2.splat (f64.load (local.get $p2))))
                (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $xv) (local.get $b01))))
                (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $xv) (local.get $b23))))
                (local.set $xv (f64x2.splat (f64.load (local.get $p3))))
                (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $xv) (local.get $b01))))
                (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $xv) (local.get $b23))))
                (local.set $bo (i32.add (local.get $bo) (local.get $ldb)))
                (local.set $p0 (i32.add (local.get $p0) (local.get $acs)))
                (local.set $p1 (i32.add (local.get $p1) (local.get $acs)))
                (local.set $p2 (i32.add (local.get $p2) (local.get $acs)))
                (local.set $p3 (i32.add (local.get $p3) (local.get $acs)))
                (br $tLoop)))
            (if (local.get $sub)
              (then
                (local.set $s00 (f64x2.neg (local.get $s00)))
                (local.set $s01 (f64x2.neg (local.get $s01)))
                (local.set $s10 (f64x2.neg (local.get $s10)))
                (local.set $s11 (f64x2.neg (local.get $s11)))
                (local.set $s20 (f64x2.neg (local.get $s20)))
                (local.set $s21 (f64x2.neg (local.get $s21)))
                (local.set $s30 (f64x2.neg (local.get $s30)))
                (local.set $s31 (f64x2.neg (local.get $s31)))))
            (local.set $bo (i32.shl (local.get $j) (i32.const 3)))
            (local.set $ao (i32.add (local.get $c0) (local.get $bo)))
            (v128.store (local.get $ao) (f64x2.add (v128.load (local.get $ao)) (local.get $s00)))
            (v128.store offset=16 (local.get $ao) (f64x2.add (v128.load offset=16 (local.get $ao)) (local.get $s01)))
            (local.set $ao (i32.add (local.get $c1) (local.get $bo)))
            (v128.store (local.get $ao) (f64x2.add (v128.load (local.get $ao)) (local.get $s10)))
            (v128.store offset=16 (local.get $ao) (f64x2.add (v128.load offset=16 (local.get $ao)) (local.get $s11)))
            (local.set $ao (i32.add (local.get $c2) (local.get $bo)))
            (v128.store (local.get $ao) (f64x2.add (v128.load (local.get $ao)) (local.get $s20)))
            (v128.store offset=16 (local.get $ao) (f64x2.add (v128.load offset=16 (local.get $ao)) (local.get $s21)))
            (local.set $ao (i32.add (local.get $c3) (local.get $bo)))
            (v128.store (local.get $ao) (f64x2.add (v128.load (local.get $ao)) (local.get $s30)))
            (v128.store offset=16 (local.get $ao) (f64x2.add (v128.load offset=16 (local.get $ao)) (local.get $s31)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $cols4)))
        ;; The last n % 4 columns of these four rows.
        (block $cols1Done
          (loop $cols1
            (br_if $cols1Done (i32.ge_s (local.get $j) (local.get $n)))
            (local.set $tend (local.get $k8))
            (if (local.get $bupper)
              (then
                (if (i32.lt_s (i32.add (local.get $j) (i32.const 1)) (local.get $k))
                  (then (local.set $tend (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 3)))))))
            (local.set $f0 (f64.const 0))
            (local.set $f1 (f64.const 0))
            (local.set $f2 (f64.const 0))
            (local.set $f3 (f64.const 0))
            (local.set $bo (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $ao (i32.const 0))
            (local.set $ta (i32.const 0))
            (block $tDone1
              (loop $tLoop1
                (br_if $tDone1 (i32.ge_u (local.get $ao) (local.get $tend)))
                (local.set $bf (f64.load (local.get $bo)))
                (local.set $f0 (f64.add (local.get $f0) (f64.mul (f64.load (i32.add (local.get $a0) (local.get $ta))) (local.get $bf))))
                (local.set $f1 (f64.add (local.get $f1) (f64.mul (f64.load (i32.add (local.get $a1) (local.get $ta))) (local.get $bf))))
                (local.set $f2 (f64.add (local.get $f2) (f64.mul (f64.load (i32.add (local.get $a2) (local.get $ta))) (local.get $bf))))
                (local.set $f3 (f64.add (local.get $f3) (f64.mul (f64.load (i32.add (local.get $a3) (local.get $ta))) (local.get $bf))))
                (local.set $bo (i32.add (local.get $bo) (local.get $ldb)))
                (local.set $ao (i32.add (local.get $ao) (i32.const 8)))
                (local.set $ta (i32.add (local.get $ta) (local.get $acs)))
                (br $tLoop1)))
            (if (local.get $sub)
              (then
                (local.set $f0 (f64.neg (local.get $f0)))
                (local.set $f1 (f64.neg (local.get $f1)))
                (local.set $f2 (f64.neg (local.get $f2)))
                (local.set $f3 (f64.neg (local.get $f3)))))
            (local.set $bo (i32.shl (local.get $j) (i32.const 3)))
            (local.set $ao (i32.add (local.get $c0) (local.get $bo)))
            (f64.store (local.get $ao) (f64.add (f64.load (local.get $ao)) (local.get $f0)))
            (local.set $ao (i32.add (local.get $c1) (local.get $bo)))
            (f64.store (local.get $ao) (f64.add (f64.load (local.get $ao)) (local.get $f1)))
            (local.set $ao (i32.add (local.get $c2) (local.get $bo)))
            (f64.store (local.get $ao) (f64.add (f64.load (local.get $ao)) (local.get $f2)))
            (local.set $ao (i32.add (local.get $c3) (local.get $bo)))
            (f64.store (local.get $ao) (f64.add (f64.load (local.get $ao)) (local.get $f3)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $cols1)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows4)))
    ;; The last m % 4 rows, one at a time.
    (block $rows1Done
      (loop $rows1
        (br_if $rows1Done (i32.ge_s (local.get $i) (local.get $m)))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $lda))))
        (local.set $c0 (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))))
        (local.set $j (select (i32.and (local.get $i) (i32.const -4)) (i32.const 0) (local.get $cupper)))
        (block $r1cols4Done
          (loop $r1cols4
            (br_if $r1cols4Done (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
            (local.set $tend (local.get $k8))
            (if (local.get $bupper)
              (then
                (if (i32.lt_s (i32.add (local.get $j) (i32.const 4)) (local.get $k))
                  (then (local.set $tend (i32.shl (i32.add (local.get $j) (i32.const 4)) (i32.const 3)))))))
            (local.set $s00 (v128.const f64x2 0 0))
            (local.set $s01 (v128.const f64x2 0 0))
            (local.set $bo (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $ao (i32.const 0))
            (local.set $ta (i32.const 0))
            (block $r1tDone
              (loop $r1tLoop
                (br_if $r1tDone (i32.ge_u (local.get $ao) (local.get $tend)))
                (local.set $xv (f64x2.splat (f64.load (i32.add (local.get $a0) (local.get $ta)))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $xv) (v128.load (local.get $bo)))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $xv) (v128.load offset=16 (local.get $bo)))))
                (local.set $bo (i32.add (local.get $bo) (local.get $ldb)))
                (local.set $ao (i32.add (local.get $ao) (i32.const 8)))
                (local.set $ta (i32.add (local.get $ta) (local.get $acs)))
                (br $r1tLoop)))
            (if (local.get $sub)
              (then
                (local.set $s00 (f64x2.neg (local.get $s00)))
                (local.set $s01 (f64x2.neg (local.get $s01)))))
            (local.set $ao (i32.add (local.get $c0) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store (local.get $ao) (f64x2.add (v128.load (local.get $ao)) (local.get $s00)))
            (v128.store offset=16 (local.get $ao) (f64x2.add (v128.load offset=16 (local.get $ao)) (local.get $s01)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $r1cols4)))
        (block $r1cols1Done
          (loop $r1cols1
            (br_if $r1cols1Done (i32.ge_s (local.get $j) (local.get $n)))
            (local.set $tend (local.get $k8))
            (if (local.get $bupper)
              (then
                (if (i32.lt_s (i32.add (local.get $j) (i32.const 1)) (local.get $k))
                  (then (local.set $tend (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 3)))))))
            (local.set $f0 (f64.const 0))
            (local.set $bo (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $ao (i32.const 0))
            (local.set $ta (i32.const 0))
            (block $r1tDone1
              (loop $r1tLoop1
                (br_if $r1tDone1 (i32.ge_u (local.get $ao) (local.get $tend)))
                (local.set $f0 (f64.add (local.get $f0)
                  (f64.mul (f64.load (i32.add (local.get $a0) (local.get $ta))) (f64.load (local.get $bo)))))
                (local.set $bo (i32.add (local.get $bo) (local.get $ldb)))
                (local.set $ao (i32.add (local.get $ao) (i32.const 8)))
                (local.set $ta (i32.add (local.get $ta) (local.get $acs)))
                (br $r1tLoop1)))
            (if (local.get $sub) (then (local.set $f0 (f64.neg (local.get $f0)))))
            (local.set $ao (i32.add (local.get $c0) (i32.shl (local.get $j) (i32.const 3))))
            (f64.store (local.get $ao) (f64.add (f64.load (local.get $ao)) (local.get $f0)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $r1cols1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows1))))

  ;; LU's unblocked elimination of columns [s0, s1) of a 16-column panel block (lu.ts's
  ;; factorSubPanel, the same operations in the same order): the panel block is [rows, wp]
  ;; float64 at byte offset blk, its column 0 is the global column jb; perm (rows int32) is the
  ;; row order and piv (int32 per panel column) receives the pivot rows. A pivot search (the
  ;; first largest |entry|), then per column: swap whole block rows, and one pass over the rows
  ;; below it that scales the multiplier, updates the row within the sub-panel and finds the next
  ;; column's pivot.
  (func (export "luPanel")
    (param $blk i32) (param $wp i32) (param $rows i32) (param $jb i32) (param $s0 i32)
    (param $s1 i32) (param $perm i32) (param $piv i32)
    (local $wp8 i32) (local $p i32) (local $r i32) (local $c i32) (local $j i32) (local $c2 i32)
    (local $jo i32) (local $qo i32) (local $ro i32) (local $ti i32) (local $findNext i32)
    (local $best f64) (local $v f64) (local $tf f64) (local $inv f64) (local $mult f64)
    (local.set $wp8 (i32.shl (local.get $wp) (i32.const 3)))
    (local.set $p (i32.add (local.get $jb) (local.get $s0)))
    (local.set $best (f64.abs (f64.load (i32.add
      (i32.add (local.get $blk) (i32.mul (local.get $p) (local.get $wp8)))
      (i32.shl (local.get $s0) (i32.const 3))))))
    (local.set $r (i32.add (local.get $p) (i32.const 1)))
    (block $searchDone
      (loop $search
        (br_if $searchDone (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $v (f64.abs (f64.load (i32.add
          (i32.add (local.get $blk) (i32.mul (local.get $r) (local.get $wp8)))
          (i32.shl (local.get $s0) (i32.const 3))))))
        (if (f64.gt (local.get $v) (local.get $best))
          (then (local.set $best (local.get $v)) (local.set $p (local.get $r))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $search)))
    (local.set $c (local.get $s0))
    (block $colsDone
      (loop $cols
        (br_if $colsDone (i32.ge_s (local.get $c) (local.get $s1)))
        (local.set $j (i32.add (local.get $jb) (local.get $c)))
        (i32.store (i32.add (local.get $piv) (i32.shl (local.get $c) (i32.const 2))) (local.get $p))
        (local.set $jo (i32.add (local.get $blk) (i32.mul (local.get $j) (local.get $wp8))))
        (if (i32.ne (local.get $p) (local.get $j))
          (then
            (local.set $qo (i32.add (local.get $blk) (i32.mul (local.get $p) (local.get $wp8))))
            (local.set $c2 (i32.const 0))
            (block $swapDone
              (loop $swap
                (br_if $swapDone (i32.ge_s (local.get $c2) (local.get $wp8)))
                (local.set $tf (f64.load (i32.add (local.get $jo) (local.get $c2))))
                (f64.store (i32.add (local.get $jo) (local.get $c2))
                  (f64.load (i32.add (local.get $qo) (local.get $c2))))
                (f64.store (i32.add (local.get $qo) (local.get $c2)) (local.get $tf))
                (local.set $c2 (i32.add (local.get $c2) (i32.const 8)))
                (br $swap)))
            (local.set $qo (i32.add (local.get $perm) (i32.shl (local.get $p) (i32.const 2))))
            (local.set $ro (i32.add (local.get $perm) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $ti (i32.load (local.get $ro)))
            (i32.store (local.get $ro) (i32.load (local.get $qo)))
            (i32.store (local.get $qo) (local.get $ti))))
        (local.set $tf (f64.load (i32.add (local.get $jo) (i32.shl (local.get $c) (i32.const 3)))))
        (local.set $inv
          (select (f64.const 0) (f64.div (f64.const 1) (local.get $tf))
            (f64.eq (local.get $tf) (f64.const 0))))
        (local.set $findNext (i32.lt_s (i32.add (local.get $c) (i32.const 1)) (local.get $s1)))
        (local.set $best (f64.const -1))
        (local.set $p (i32.add (local.get $j) (i32.const 1)))
        (local.set $r (i32.add (local.get $j) (i32.const 1)))
        (local.set $ro (i32.add (local.get $jo) (local.get $wp8)))
        (block $rowsDone
          (loop $rowsLoop
            (br_if $rowsDone (i32.ge_s (local.get $r) (local.get $rows)))
            (local.set $qo (i32.add (local.get $ro) (i32.shl (local.get $c) (i32.const 3))))
            (local.set $mult (f64.mul (f64.load (local.get $qo)) (local.get $inv)))
            (f64.store (local.get $qo) (local.get $mult))
            (local.set $c2 (i32.add (local.get $c) (i32.const 1)))
            (block $updDone
              (loop $upd
                (br_if $updDone (i32.ge_s (local.get $c2) (local.get $s1)))
                (local.set $qo (i32.shl (local.get $c2) (i32.const 3)))
                (f64.store (i32.add (local.get $ro) (local.get $qo))
                  (f64.sub (f64.load (i32.add (local.get $ro) (local.get $qo)))
                    (f64.mul (local.get $mult) (f64.load (i32.add (local.get $jo) (local.get $qo))))))
                (local.set $c2 (i32.add (local.get $c2) (i32.const 1)))
                (br $upd)))
            (if (local.get $findNext)
              (then
                (local.set $v (f64.abs (f64.load offset=8
                  (i32.add (local.get $ro) (i32.shl (local.get $c) (i32.const 3))))))
                (if (f64.gt (local.get $v) (local.get $best))
                  (then (local.set $best (local.get $v)) (local.set $p (local.get $r))))))
            (local.set $ro (i32.add (local.get $ro) (local.get $wp8)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rowsLoop)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $cols))))

  ;; LU's working copy: Y [rows, l] (byte offset y) into blocks of 16 columns at byte offset bk,
  ;; block b [rows, wb] (wb = min(16, l - 16 b)) starting rows * 16 * b entries in (lu.ts).
  ;; With $back, the other way, as P L: row r of the blocks goes to row perm[r] of Y, with the
  ;; unit diagonal and zeros above it (the entries on and above the diagonal are U's).
  (func (export "luBlocks")
    (param $y i32) (param $bk i32) (param $rows i32) (param $l i32) (param $perm i32)
    (param $back i32)
    (local $r i32) (local $b i32) (local $wb i32) (local $c i32) (local $col i32)
    (local $yo i32) (local $bo i32) (local $base i32)
    (block $rowsDone
      (loop $rowsLoop
        (br_if $rowsDone (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $yo (i32.add (local.get $y) (i32.shl (i32.mul
          (select (i32.load (i32.add (local.get $perm) (i32.shl (local.get $r) (i32.const 2))))
            (local.get $r) (local.get $back))
          (local.get $l)) (i32.const 3))))
        (local.set $b (i32.const 0))
        (local.set $col (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_s (local.get $col) (local.get $l)))
            (local.set $wb (i32.sub (local.get $l) (local.get $col)))
            (if (i32.gt_s (local.get $wb) (i32.const 16)) (then (local.set $wb (i32.const 16))))
            (local.set $bo (i32.add (local.get $bk) (i32.shl (i32.add
              (i32.mul (i32.mul (local.get $rows) (i32.const 16)) (local.get $b))
              (i32.mul (local.get $r) (local.get $wb))) (i32.const 3))))
            (local.set $c (i32.const 0))
            ;; Two entries at a time while both are below the diagonal (or copied in).
            (block $vDone
              (loop $vLoop
                (br_if $vDone (i32.gt_s (i32.add (local.get $c) (i32.const 2)) (local.get $wb)))
                (br_if $vDone (i32.and (local.get $back)
                  (i32.ge_s (i32.add (local.get $col) (i32.const 1)) (local.get $r))))
                (if (local.get $back)
                  (then (v128.store (local.get $yo) (v128.load (local.get $bo))))
                  (else (v128.store (local.get $bo) (v128.load (local.get $yo)))))
                (local.set $yo (i32.add (local.get $yo) (i32.const 16)))
                (local.set $bo (i32.add (local.get $bo) (i32.const 16)))
                (local.set $col (i32.add (local.get $col) (i32.const 2)))
                (local.set $c (i32.add (local.get $c) (i32.const 2)))
                (br $vLoop)))
            (block $cDone
              (loop $cLoop
                (br_if $cDone (i32.ge_s (local.get $c) (local.get $wb)))
                (if (local.get $back)
                  (then
                    (f64.store (local.get $yo)
                      (select (f64.load (local.get $bo))
                        (select (f64.const 1) (f64.const 0) (i32.eq (local.get $col) (local.get $r)))
                        (i32.lt_s (local.get $col) (local.get $r)))))
                  (else (f64.store (local.get $bo) (f64.load (local.get $yo)))))
                (local.set $yo (i32.add (local.get $yo) (i32.const 8)))
                (local.set $bo (i32.add (local.get $bo) (i32.const 8)))
                (local.set $col (i32.add (local.get $col) (i32.const 1)))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (br $cLoop)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $blocks)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowsLoop))))
)

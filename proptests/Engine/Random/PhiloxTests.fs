module Dip.PropTests.Engine.Random.PhiloxTests

open NUnit.Framework
open Dip.Engine.Random

/// Known-answer vectors of philox4x32_10 from Random123's kat_vectors file (counter c0..c3, key k0 k1, expected x0..x3).
let vectors : obj[] list =
    [ [| [| 0u; 0u; 0u; 0u |]; [| 0u; 0u |]; [| 0x6627e8d5u; 0xe169c58du; 0xbc57ac4cu; 0x9b00dbd8u |] |]
      [| [| 0xffffffffu; 0xffffffffu; 0xffffffffu; 0xffffffffu |]; [| 0xffffffffu; 0xffffffffu |]
         [| 0x408f276du; 0x41c83b0eu; 0xa20bc7c6u; 0x6d5451fdu |] |]
      [| [| 0x243f6a88u; 0x85a308d3u; 0x13198a2eu; 0x03707344u |]; [| 0xa4093822u; 0x299f31d0u |]
         [| 0xd16cfe09u; 0x94fdccebu; 0x5001e420u; 0x24126ea1u |] |] ]

[<TestCaseSource(nameof vectors)>]
let ``Philox4x32-10 matches the Random123 known-answer vectors`` (c: uint[], k: uint[], expected: uint[]) =
    let struct (x0, x1, x2, x3) = Philox4x32.Block(c[0], c[1], c[2], c[3], k[0], k[1])
    Assert.That([| x0; x1; x2; x3 |], Is.EqualTo(box expected))

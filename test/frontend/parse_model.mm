# RUN: mmc --emit=ast %s | FileCheck %s
# The seed's emotion model of LANGUAGE.md, parsed whole.
# emotion.mm
model emotion {
  layer embed    = embedding(10000, 128)
  layer lstm     = lstm(128, 64)
  layer mel      = mel_spectrogram(sample_rate: 16000, n_fft: 400, hop_length: 160, n_mels: 64)
  layer audio_fc = linear(64, 64)
  layer head     = linear(128, 1)

  fn forward(text: i32[B, T], audio: f32[B, 16000]) -> f32[B, 1] {
    t = lstm(embed(text)).h_n[-1]                    # f32[B, 64]
    a = mean(log(mel(audio) + 1e-6), dim: 2)         # f32[B, 64]
    a = relu(audio_fc(a))
    return sigmoid(head(cat([t, a], dim: 1)))
  }
}

# CHECK:      File "{{.*}}parse_model.mm"
# CHECK-NEXT:   Model emotion <4:7>
# CHECK-NEXT:     Layer embed <5:9>
# CHECK-NEXT:       Call <5:20>
# CHECK-NEXT:         callee: Name embedding <5:20>
# CHECK-NEXT:         Int 10000 <5:30>
# CHECK-NEXT:         Int 128 <5:37>
# CHECK-NEXT:     Layer lstm <6:9>
# CHECK-NEXT:       Call <6:20>
# CHECK-NEXT:         callee: Name lstm <6:20>
# CHECK-NEXT:         Int 128 <6:25>
# CHECK-NEXT:         Int 64 <6:30>
# CHECK-NEXT:     Layer mel <7:9>
# CHECK-NEXT:       Call <7:20>
# CHECK-NEXT:         callee: Name mel_spectrogram <7:20>
# CHECK-NEXT:         Keyword sample_rate <7:36>
# CHECK-NEXT:           Int 16000 <7:49>
# CHECK-NEXT:         Keyword n_fft <7:56>
# CHECK-NEXT:           Int 400 <7:63>
# CHECK-NEXT:         Keyword hop_length <7:68>
# CHECK-NEXT:           Int 160 <7:80>
# CHECK-NEXT:         Keyword n_mels <7:85>
# CHECK-NEXT:           Int 64 <7:93>
# CHECK-NEXT:     Layer audio_fc <8:9>
# CHECK-NEXT:       Call <8:20>
# CHECK-NEXT:         callee: Name linear <8:20>
# CHECK-NEXT:         Int 64 <8:27>
# CHECK-NEXT:         Int 64 <8:31>
# CHECK-NEXT:     Layer head <9:9>
# CHECK-NEXT:       Call <9:20>
# CHECK-NEXT:         callee: Name linear <9:20>
# CHECK-NEXT:         Int 128 <9:27>
# CHECK-NEXT:         Int 1 <9:32>
# CHECK-NEXT:     Fn forward -> f32[B, 1] <11:6>
# CHECK-NEXT:       Arg text: i32[B, T] <11:14>
# CHECK-NEXT:       Arg audio: f32[B, 16000] <11:31>
# CHECK-NEXT:       Assign t <12:7>
# CHECK-NEXT:         Index <12:30>
# CHECK-NEXT:           base: Field h_n <12:27>
# CHECK-NEXT:             Call <12:9>
# CHECK-NEXT:               callee: Name lstm <12:9>
# CHECK-NEXT:               Call <12:14>
# CHECK-NEXT:                 callee: Name embed <12:14>
# CHECK-NEXT:                 Name text <12:20>
# CHECK-NEXT:           Int -1 <12:31>
# CHECK-NEXT:       Assign a <13:7>
# CHECK-NEXT:         Call <13:9>
# CHECK-NEXT:           callee: Name mean <13:9>
# CHECK-NEXT:           Call <13:14>
# CHECK-NEXT:             callee: Name log <13:14>
# CHECK-NEXT:             Binary '+' <13:29>
# CHECK-NEXT:               Call <13:18>
# CHECK-NEXT:                 callee: Name mel <13:18>
# CHECK-NEXT:                 Name audio <13:22>
# CHECK-NEXT:               Float 1e-06 <13:31>
# CHECK-NEXT:           Keyword dim <13:38>
# CHECK-NEXT:             Int 2 <13:43>
# CHECK-NEXT:       Assign a <14:7>
# CHECK-NEXT:         Call <14:9>
# CHECK-NEXT:           callee: Name relu <14:9>
# CHECK-NEXT:           Call <14:14>
# CHECK-NEXT:             callee: Name audio_fc <14:14>
# CHECK-NEXT:             Name a <14:23>
# CHECK-NEXT:       Return <15:5>
# CHECK-NEXT:         Call <15:12>
# CHECK-NEXT:           callee: Name sigmoid <15:12>
# CHECK-NEXT:           Call <15:20>
# CHECK-NEXT:             callee: Name head <15:20>
# CHECK-NEXT:             Call <15:25>
# CHECK-NEXT:               callee: Name cat <15:25>
# CHECK-NEXT:               List <15:29>
# CHECK-NEXT:                 Name t <15:30>
# CHECK-NEXT:                 Name a <15:33>
# CHECK-NEXT:               Keyword dim <15:37>
# CHECK-NEXT:                 Int 1 <15:42>

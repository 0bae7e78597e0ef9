% stats.m -- acceptance metrics of a T = 10000 ms run, exactly as the C tests
% compute them. s = stats(t, idx) with t in ms (0-based) and idx 0-based.
% Fields: rate_e, rate_i (Hz), alpha_hz, gamma_hz, alpha_prom, gamma_prom, P (501x1).
function s = stats(t, idx, T_ms)
  if nargin < 3, T_ms = 10000; end
  t0 = 200; L = T_ms - t0;                       % 9800 samples
  keep = t >= t0; t = t(keep); idx = idx(keep);
  s.rate_e = sum(idx < 800) / (800 * L / 1000);
  s.rate_i = sum(idx >= 800) / (200 * L / 1000);
  x = accumarray(t - t0 + 1, 1, [L, 1]);         % spikes per ms, t = 200..T-1
  n = (0:999)';
  w = 0.5 - 0.5 * cos(2 * pi * n / 1000);        % periodic Hann
  starts = 0:500:(L - 1000);                     % 18 segments for L = 9800
  P = zeros(1000, 1);
  for s0 = starts
    seg = x(s0 + 1 : s0 + 1000);
    seg = (seg - mean(seg)) .* w;
    P = P + abs(fft(seg)).^2;
  end
  P = P(1:501) / numel(starts);                  % bin m is m Hz
  [~, ia] = max(P(5:15));  s.alpha_hz = ia + 3;  % first maximum on ties
  [~, ig] = max(P(21:51)); s.gamma_hz = ig + 19;
  med = median(P(2:101));
  s.alpha_prom = P(s.alpha_hz + 1) / med;
  s.gamma_prom = P(s.gamma_hz + 1) / med;
  s.P = P;
end

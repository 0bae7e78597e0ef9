% stats_n.m -- acceptance metrics of a run of N neurons (Ne = round(0.8 N)), exactly as
% stats.m for N = 1000. s = stats_n(t, idx, N [, T_ms]) with t in ms (0-based), idx 0-based.
%   rate_e = #spikes(idx < Ne, t >= 200) / (Ne * L / 1000), L = T_ms - 200
%   rate_i = #spikes(idx >= Ne, t >= 200) / (Ni * L / 1000)
%   x[t] = spikes of all N neurons at ms t, t = 200..T_ms-1 (not normalised: it is N/1000
%   times larger than for N = 1000 at equal rates; the prominences are ratios, scale-free).
%   Welch: 1000-sample segments, hop 500, own mean removed, periodic Hann, |FFT|^2 averaged;
%   bin m = m Hz; alpha = argmax bins 4..14, gamma = argmax bins 20..50 (first max on ties);
%   *_prom = P(peak) / median(P[1..100]).
% stats_n(t, idx, 1000, T) gives the same numbers as stats(t, idx, T).
function s = stats_n(t, idx, N, T_ms)
  if nargin < 4, T_ms = 10000; end
  Ne = round(0.8 * N); Ni = N - Ne;
  t0 = 200; L = T_ms - t0;
  keep = t >= t0; t = t(keep); idx = idx(keep);
  s.rate_e = sum(idx < Ne) / (Ne * L / 1000);
  s.rate_i = sum(idx >= Ne) / (Ni * L / 1000);
  x = accumarray(t - t0 + 1, 1, [L, 1]);
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

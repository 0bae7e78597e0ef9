% stats.m -- independent Octave reference of izhiscope's rhythm measures, written from the
% text at the top of include/rhythm.h only (not from src/rhythm.c). Twin of refstats.py.
% s = stats(t, idx [, T_ms = 10000 [, N = 1000 [, edge = 'self']]])
%   t spike times in ms (0-based), idx neuron indices (0-based), N neurons, Ne = round(0.8 N).
% Fields:
%   rate_e, rate_i   spikes per neuron per second over t = 200 ... T_ms-1
%   samples, segments (K), mean_rate (rbar, Hz), F (Hz^2/Hz), q, P (501x1, P(m+1) = bin m Hz),
%   S (100x1, S(k) = bin k), peaks (struct array), band (1x5 struct array: name, found,
%   freq_hz, strength, bin, over_floor, over_base), and flat copies <band>_found,
%   <band>_hz, <band>_strength for delta, theta, alpha, beta, gamma (NaN when not found).
% Definitions:
%   r[t] = counts[t] * 1000 / N; P = Welch density written out: segments of 1000 samples
%   every 500 from the first analysed one (no partial segment), own mean removed, periodic
%   Hann w, P[m] = c_m |FFT|^2 / (fs sum w^2), fs = 1000, c = 2 (1 at 0 and 500), averaged.
%   F = 2 rbar (1 - rbar/1000) / N, rbar = mean of r over all analysed samples.
%   S[k] = mean of P[max(1,k-2) .. k+2], k = 1..100.
%   q = Wilson-Hilferty (1 - 1e-4) quantile of chi2_nu/nu, nu = 5.43 K,
%       z = sqrt(2) erfcinv(2e-4).
%   peak k: (S[k] > S[k-1] or k = 1) and (S[k] >= S[k+1] or k = 100); S[k] > q B[k],
%   B[k] = max(F, least S between k and the nearest bin above S[k] on each side, or the
%   end of 1..100); S[k] >= 4 F. freq = centroid of S - B over the contiguous bins with
%   S >= (S[k] + B)/2; band = [lo, hi) row holding freq (gamma includes 100);
%   m = sqrt(2 sum_{j=k-2..k+2, j>=1} max(0, P[j] - F)) / rbar. Per band: largest S.
%   edge: a valley side with no bins (left of k = 1, right of k = 100) is "between k and the
%   end of 1..100" = {k}: 'self' (default) counts S[k] itself there, so bins 1 and 100 are
%   never significant (as izhiscope does, see RESULTS.md); 'skip' ignores that side.
function s = stats(t, idx, T_ms, N, edge)
  if nargin < 3 || isempty(T_ms), T_ms = 10000; end
  if nargin < 4 || isempty(N), N = 1000; end
  if nargin < 5, edge = 'self'; end
  t = double(t(:)); idx = double(idx(:));
  Ne = round(0.8 * N); Ni = N - Ne;
  t0 = 200; L = T_ms - t0;
  keep = t >= t0; t = t(keep); idx = idx(keep);
  s.rate_e = sum(idx < Ne) / (Ne * L / 1000);
  s.rate_i = sum(idx >= Ne) / (Ni * L / 1000);
  x = accumarray(t - t0 + 1, 1, [L, 1]);           % spikes per ms, t = 200 .. T-1
  r = x * 1000 / N;                                 % Hz
  s.samples = L;
  s.mean_rate = mean(r);
  rbar = s.mean_rate;
  % Welch density
  n = (0:999)';
  w = 0.5 - 0.5 * cos(2 * pi * n / 1000);           % periodic Hann
  starts = 0:500:(L - 1000);
  K = numel(starts);
  acc = zeros(1000, 1);
  for s0 = starts
    seg = r(s0 + 1 : s0 + 1000);
    acc = acc + abs(fft((seg - mean(seg)) .* w)).^2;
  end
  c = 2 * ones(501, 1); c([1 501]) = 1;
  P = c .* acc(1:501) / (1000 * sum(w .^ 2)) / max(K, 1);
  s.segments = K; s.P = P;
  F = 2 * rbar * (1 - rbar / 1000) / N;
  s.F = F;
  nu = 5.43 * K;
  z = sqrt(2) * erfcinv(2 * (0.01 / 100));          % (1 - 1e-4) normal quantile
  a = 2 / (9 * nu);
  q = (1 - a + z * sqrt(a)) ^ 3;
  s.q = q;
  names = {'delta', 'theta', 'alpha', 'beta', 'gamma'};
  lo_hz = [1 3.5 7.5 12.5 27.5]; hi_hz = [3.5 7.5 12.5 27.5 100];
  S = zeros(100, 1);                                % S(k) = bin k
  for k = 1:100
    S(k) = mean(P((max(1, k - 2):k + 2) + 1));
  end
  s.S = S;
  pk = struct('bin', {}, 'freq_hz', {}, 'band', {}, 'strength', {}, 'S', {}, 'B', {}, ...
              'over_floor', {}, 'over_base', {});
  if K >= 1
    for k = 1:100
      if ~(k == 1 || S(k) > S(k - 1)), continue; end
      if ~(k == 100 || S(k) >= S(k + 1)), continue; end
      vals = F;
      for step = [-1 1]
        j = k + step; v = Inf;
        while j >= 1 && j <= 100 && S(j) <= S(k)
          v = min(v, S(j)); j = j + step;
        end
        if isfinite(v)
          vals(end + 1) = v;
        elseif strcmp(edge, 'self') && (k + step < 1 || k + step > 100)
          vals(end + 1) = S(k);
        end
      end
      B = max(vals);
      if ~(S(k) > q * B && S(k) >= 4 * F), continue; end
      half = (S(k) + B) / 2;
      lo = k; while lo > 1 && S(lo - 1) >= half, lo = lo - 1; end
      hi = k; while hi < 100 && S(hi + 1) >= half, hi = hi + 1; end
      wg = S(lo:hi) - B;
      f = sum((lo:hi)' .* wg) / sum(wg);
      bnd = find(f >= lo_hz & (f < hi_hz | ((1:5) == 5 & f <= hi_hz)), 1);
      jj = max(1, k - 2):k + 2;
      m = sqrt(2 * sum(max(0, P(jj + 1) - F)) * 1) / rbar;
      pk(end + 1) = struct('bin', k, 'freq_hz', f, 'band', bnd, 'strength', m, 'S', S(k), ...
                           'B', B, 'over_floor', S(k) / F, 'over_base', S(k) / B);
    end
  end
  s.peaks = pk;
  for b = 1:5
    e = struct('name', names{b}, 'found', 0, 'freq_hz', NaN, 'strength', NaN, 'bin', -1, ...
               'over_floor', NaN, 'over_base', NaN);
    best = -Inf;
    for i = 1:numel(pk)
      if pk(i).band == b && pk(i).S > best
        best = pk(i).S;
        e.found = 1; e.freq_hz = pk(i).freq_hz; e.strength = pk(i).strength; e.bin = pk(i).bin;
        e.over_floor = pk(i).over_floor; e.over_base = pk(i).over_base;
      end
    end
    s.band(b) = e;
    s.([names{b} '_found']) = e.found;
    s.([names{b} '_hz']) = e.freq_hz;
    s.([names{b} '_strength']) = e.strength;
  end
end

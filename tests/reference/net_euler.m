% net_euler.m -- independent reference of the Euler scheme of docs/model.md (the seed's
% Brian2 example, method="euler", dt = 1 ms).
% [t, idx] = net_euler(seed, T_ms, sigma_e, sigma_i)
% Returns spike times t (0-based ms) and neuron indices idx (0-based), sorted by
% time then neuron. Seeding and draw order as in net_paper.m.
function [t, idx] = net_euler(seed, T_ms, sigma_e, sigma_i)
  rand('state', seed); randn('state', seed);
  Ne = 800; Ni = 200; N = Ne + Ni;
  re = rand(Ne, 1); ri = rand(Ni, 1);
  a = [0.02 * ones(Ne, 1); 0.02 + 0.08 * ri];
  b = [0.2 * ones(Ne, 1); 0.25 - 0.05 * ri];
  c = [-65 + 15 * re.^2; -65 * ones(Ni, 1)];
  d = [8 - 6 * re.^2; 2 * ones(Ni, 1)];
  S = [0.5 * rand(N, Ne), -rand(N, Ni)];   % S(post, pre)
  sig = [sigma_e * ones(Ne, 1); sigma_i * ones(Ni, 1)];
  v = -65 * ones(N, 1);
  u = b .* v;
  tc = cell(T_ms, 1); ic = cell(T_ms, 1);
  prev = [];                               % spikes at step k-1
  for k = 0:T_ms-1
    Isyn = sum(S(:, prev), 2);
    In = sig .* randn(N, 1);
    vn = v + (0.04 * v.^2 + 5 * v + 140 - u + Isyn + In);
    un = u + a .* (b .* v - u);
    spk = find(vn >= 30);
    tc{k+1} = k * ones(numel(spk), 1);
    ic{k+1} = spk - 1;
    vn(spk) = c(spk);
    un(spk) = un(spk) + d(spk);
    v = vn; u = un;
    prev = spk;
  end
  t = vertcat(tc{:}); idx = vertcat(ic{:});
end

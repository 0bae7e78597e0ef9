% run_octave_sparse.m -- net_paper_sparse over seeds, one CSV row per seed (same columns
% as run_octave.m's CSVs), metrics by stats_n.
% octave-cli --no-gui run_octave_sparse.m <N> <K> <seeds e.g. 1:10> <T_ms> <sigma_e> <sigma_i> <outfile> [variant]
% wall_s = network construction + simulation (the net_paper_sparse call).
args = argv();
N = str2double(args{1}); K = str2double(args{2}); seeds = eval(args{3});
T = str2double(args{4}); se = str2double(args{5}); si = str2double(args{6}); out = args{7};
variant = 'ok'; if numel(args) >= 8, variant = args{8}; end
f = fopen(out, 'w');
fprintf(f, 'seed,T_ms,sigma_e,sigma_i,n_spikes,rate_e,rate_i,alpha_hz,gamma_hz,alpha_prom,gamma_prom,wall_s\n');
for sd = seeds
  tic;
  [t, idx] = net_paper_sparse(sd, N, K, T, se, si, variant);
  wall = toc;
  s = stats_n(t, idx, N, T);
  fprintf(f, '%d,%d,%g,%g,%d,%.4f,%.4f,%d,%d,%.3f,%.3f,%.2f\n', sd, T, se, si, numel(t), ...
          s.rate_e, s.rate_i, s.alpha_hz, s.gamma_hz, s.alpha_prom, s.gamma_prom, wall);
  fprintf('N=%d K=%d %s seed %d: n=%d re=%.3f ri=%.3f a=%d g=%d ap=%.2f gp=%.2f (%.1fs)\n', N, K, ...
          variant, sd, numel(t), s.rate_e, s.rate_i, s.alpha_hz, s.gamma_hz, s.alpha_prom, ...
          s.gamma_prom, wall);
  fflush(stdout); fflush(f);
end
fclose(f);

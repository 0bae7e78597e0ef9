% run_octave_sparse.m -- net_paper_sparse over seeds, one CSV row per seed (same columns as
% run_octave.m's CSVs), measures by stats.m with this N.
% octave-cli --no-gui run_octave_sparse.m <N> <K> <seeds e.g. 1:10> <T_ms> <sigma_e> <sigma_i> <outfile> [variant]
% wall_s = network construction + simulation (the net_paper_sparse call).
args = argv();
N = str2double(args{1}); K = str2double(args{2}); seeds = eval(args{3});
T = str2double(args{4}); se = str2double(args{5}); si = str2double(args{6}); out = args{7};
variant = 'ok'; if numel(args) >= 8, variant = args{8}; end
f = fopen(out, 'w');
fprintf(f, 'seed,N,K,T_ms,sigma_e,sigma_i,n_spikes,%s,wall_s\n', stats_csv());
for sd = seeds
  tic;
  [t, idx] = net_paper_sparse(sd, N, K, T, se, si, variant);
  wall = toc;
  s = stats(t, idx, T, N);
  row = stats_csv(s);
  fprintf(f, '%d,%d,%d,%d,%g,%g,%d,%s,%.2f\n', sd, N, K, T, se, si, numel(t), row, wall);
  fprintf('N=%d K=%d %s seed %d: n=%d %s (%.1fs)\n', N, K, variant, sd, numel(t), row, wall);
  fflush(stdout); fflush(f);
end
fclose(f);

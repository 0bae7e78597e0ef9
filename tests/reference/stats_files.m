% stats_files.m -- stats() of spike CSV files, one output row each (full precision), for the
% agreement checks of check_c.py. Spike files have the header t_ms,neuron.
% octave-cli --no-gui stats_files.m <out.csv> <T_ms> <N> <edge> <spikes1.csv> [<spikes2.csv> ...]
args = argv();
out = args{1}; T = str2double(args{2}); N = str2double(args{3}); edge = args{4};
f = fopen(out, 'w');
fprintf(f, 'file,rate_e,rate_i,mean_rate,segments,F,q');
names = {'delta', 'theta', 'alpha', 'beta', 'gamma'};
for b = 1:5, fprintf(f, ',%s_found,%s_hz,%s_strength,%s_bin', names{b}, names{b}, names{b}, names{b}); end
fprintf(f, '\n');
for i = 5:numel(args)
  fid = fopen(args{i}); fgetl(fid); d = fscanf(fid, '%d,%d', [2, Inf])'; fclose(fid);
  if isempty(d), d = zeros(0, 2); end
  s = stats(d(:, 1), d(:, 2), T, N, edge);
  fprintf(f, '%s,%.17g,%.17g,%.17g,%d,%.17g,%.17g', args{i}, s.rate_e, s.rate_i, s.mean_rate, s.segments, s.F, s.q);
  for b = 1:5
    e = s.band(b);
    fprintf(f, ',%d,%.17g,%.17g,%d', e.found, e.freq_hz, e.strength, e.bin);
  end
  fprintf(f, '\n');
end
fclose(f);

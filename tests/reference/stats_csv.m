% stats_csv.m -- CSV columns of a stats() result (shared by run_octave.m, run_octave_sparse.m;
% the same columns as brian2_euler.py / refstats.csv_band_values).
% hdr = stats_csv()  -> 'rate_e,rate_i,mean_rate,delta_found,delta_hz,delta_strength,...'
% row = stats_csv(s) -> the values (NaN for a band with no peak; all NaN for s = [])
function out = stats_csv(s)
  names = {'delta', 'theta', 'alpha', 'beta', 'gamma'};
  if nargin == 0
    out = 'rate_e,rate_i,mean_rate';
    for b = 1:5
      out = [out sprintf(',%s_found,%s_hz,%s_strength', names{b}, names{b}, names{b})];
    end
    return;
  end
  if isempty(s)
    out = ['NaN,NaN,NaN' repmat(',NaN,NaN,NaN', 1, 5)];
    return;
  end
  out = sprintf('%.4f,%.4f,%.4f', s.rate_e, s.rate_i, s.mean_rate);
  for b = 1:5
    e = s.band(b);
    if e.found
      out = [out sprintf(',1,%.4f,%.5f', e.freq_hz, e.strength)];
    else
      out = [out ',0,NaN,NaN'];
    end
  end
end

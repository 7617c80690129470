# SMP2017 train -> val: runs the frozen first three layers once per text, then fine-tunes only the last layer
# (+ a linear head on CLS) on those cached inputs. Reports the frozen and the tuned CLS vector, each with char
# n-grams in one logistic regression. Usage: EPOCHS LR SEED [DROPOUT]
import json,sys,time,random,torch,numpy as np
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from scipy.sparse import hstack, csr_matrix
torch.set_num_threads(2)
epochs=int(sys.argv[1]); lr=float(sys.argv[2]); seed=int(sys.argv[3]); drop=float(sys.argv[4]) if len(sys.argv)>4 else 0.1
torch.manual_seed(seed); random.seed(seed)
import os; D=os.environ.get('DATASETS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/datasets'))+'/smp2017_ecdt_task1/'
tr=[json.loads(l) for l in open(D+'train.jsonl')]; va=[json.loads(l) for l in open(D+'val.jsonl')]
labels=sorted({x['intent'] for x in tr}); L={l:i for i,l in enumerate(labels)}
ytr=np.array([L[x['intent']] for x in tr]); yva=np.array([L.get(x['intent'],-1) for x in va])
tok=PreTrainedTokenizerFast(tokenizer_file='/tmp/ft/m/bge-small-zh-tokenizer.json',pad_token='[PAD]')
cfg=BertConfig(vocab_size=21128,hidden_size=512,num_hidden_layers=4,num_attention_heads=8,intermediate_size=2048,hidden_dropout_prob=drop,attention_probs_dropout_prob=drop)
enc=BertModel(cfg,add_pooling_layer=False); enc.load_state_dict(torch.load('/tmp/ft/bge_zh.pt')); enc.eval()
def states(data):
    out=[]
    with torch.no_grad():
        for x in data:
            t=tok([x['text']],return_tensors='pt',truncation=True,max_length=64)
            hs=enc(input_ids=t['input_ids'],attention_mask=t['attention_mask'],output_hidden_states=True).hidden_states
            out.append((hs[3][0].clone(), hs[4][0,0].clone()))
    return out
t0=time.time(); Str=states(tr); Sva=states(va); print('states',time.time()-t0,flush=True)
layer=enc.encoder.layer[3]
head=torch.nn.Linear(512,len(labels))
opt=torch.optim.AdamW([{'params':layer.parameters(),'lr':lr},{'params':head.parameters(),'lr':1e-3}],weight_decay=0.01)
steps=epochs*((len(tr)+31)//32); sched=torch.optim.lr_scheduler.LambdaLR(opt,lambda s: min(1,(s+1)/(0.1*steps))*max(0,(steps-s)/steps))
def run_layer(batch, train):
    n=max(h.shape[0] for h,_ in batch)
    x=torch.zeros(len(batch),n,512); mask=torch.zeros(len(batch),n)
    for i,(h,_) in enumerate(batch): x[i,:h.shape[0]]=h; mask[i,:h.shape[0]]=1
    ext=(1.0-mask[:,None,None,:])*-1e9
    layer.train(train)
    return layer(x,attention_mask=ext)[0][:,0] if isinstance(layer(x,attention_mask=ext),tuple) else layer(x,attention_mask=ext)[:,0]
def emb(S):
    with torch.no_grad():
        return torch.cat([run_layer(S[i:i+64],False) for i in range(0,len(S),64)])
# sanity: frozen layer reproduces CLS
e0=emb(Sva[:5]); print('check',float((e0-torch.stack([c for _,c in Sva[:5]])).abs().max()))
def combo(Etr,Eva,name):
    vec=TfidfVectorizer(analyzer='char',ngram_range=(1,3),sublinear_tf=True)
    Xtr=vec.fit_transform([x['text'] for x in tr]); Xva=vec.transform([x['text'] for x in va])
    ntr=torch.nn.functional.normalize(Etr,dim=-1).numpy()*2; nva=torch.nn.functional.normalize(Eva,dim=-1).numpy()*2
    for C in [10,30]:
        clf=LogisticRegression(C=C,max_iter=3000).fit(hstack([Xtr,csr_matrix(ntr)]).tocsr(),ytr)
        print(name,'C',C,'lex+emb val',(clf.predict(hstack([Xva,csr_matrix(nva)]).tocsr())==yva).mean(),flush=True)
Etr0=torch.stack([c for _,c in Str]); Eva0=torch.stack([c for _,c in Sva])
if seed==0: combo(Etr0,Eva0,'frozen')
t0=time.time()
for ep in range(epochs):
    idx=list(range(len(tr))); random.shuffle(idx)
    for i in range(0,len(idx),32):
        b=[Str[j] for j in idx[i:i+32]]; y=torch.tensor(ytr[idx[i:i+32]])
        loss=torch.nn.functional.cross_entropy(head(run_layer(b,True)),y)
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    Eva=emb(Sva); acc=(head(Eva).argmax(-1).numpy()==yva).mean()
    print(f'ep{ep+1} {time.time()-t0:.1f}s head val {acc:.4f}',flush=True)
combo(emb(Str),emb(Sva),'ft-last')
